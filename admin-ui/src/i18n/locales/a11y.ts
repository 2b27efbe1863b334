/** Strings of the "a11y" namespace: accessible names, drag-and-drop announcements, phone header, the "not allowed" page. */
export const a11yFr = {
  kanban: {
    handle: 'Déplacer le dossier {{reference}}',
    instructions:
      'Pour déplacer un dossier, appuyez sur Espace, utilisez les flèches pour choisir une colonne, puis Espace pour déposer ou Échap pour annuler.',
    picked: 'Dossier {{id}} saisi.',
    over: 'Dossier {{id}} au-dessus de la colonne {{column}}.',
    notOver: "Dossier {{id}} hors d'une colonne.",
    dropped: 'Dossier {{id}} déposé sur la colonne {{column}}.',
    cancelled: 'Déplacement du dossier {{id}} annulé.',
  },
  header: {
    menu: 'Menu',
  },
  forbidden: {
    title: 'Accès non autorisé',
    subTitle: "Vos droits ne permettent pas d'ouvrir cette page.",
    back: "Retour à l'accueil",
  },
};

export const a11yEn: typeof a11yFr = {
  kanban: {
    handle: 'Move dossier {{reference}}',
    instructions:
      'To move a dossier, press Space, use the arrow keys to choose a column, then Space to drop or Escape to cancel.',
    picked: 'Picked up dossier {{id}}.',
    over: 'Dossier {{id}} is over column {{column}}.',
    notOver: 'Dossier {{id}} is not over a column.',
    dropped: 'Dossier {{id}} dropped on column {{column}}.',
    cancelled: 'Moving dossier {{id}} was cancelled.',
  },
  header: {
    menu: 'Menu',
  },
  forbidden: {
    title: 'Not allowed',
    subTitle: 'Your permissions do not allow this page.',
    back: 'Back to home',
  },
};
