/** The "search" namespace: the header's search box (Ctrl/Cmd+K) and its grouped results. */
export const searchFr = {
  open: 'Rechercher',
  title: 'Rechercher dans le CRM',
  label: 'Rechercher un contact, un dossier, un compte, une annonce ou un membre',
  placeholder: 'Nom, e-mail, téléphone, référence, ville…',
  hint: 'Flèches pour choisir, Entrée pour ouvrir, Échap pour fermer.',
  results: 'Résultats',
  empty: 'Aucun résultat pour « {{q}} »',
  typeMore: 'Saisissez au moins une lettre ou un chiffre.',
  tooLong: 'Recherche limitée à {{max}} caractères.',
  loading: 'Recherche…',
  failed: 'La recherche a échoué',
  total: '{{shown}} sur {{total}}',
  kinds: {
    contact: 'Contacts',
    dossier: 'Dossiers',
    account: 'Comptes',
    listing: 'Annonces',
    coopMember: 'Membres de coopérative',
  },
};

export const searchEn: typeof searchFr = {
  open: 'Search',
  title: 'Search the CRM',
  label: 'Search for a contact, dossier, account, listing or member',
  placeholder: 'Name, email, phone, reference, city…',
  hint: 'Arrows to choose, Enter to open, Escape to close.',
  results: 'Results',
  empty: 'No results for “{{q}}”',
  typeMore: 'Type at least one letter or digit.',
  tooLong: 'Searches are limited to {{max}} characters.',
  loading: 'Searching…',
  failed: 'The search failed',
  total: '{{shown}} of {{total}}',
  kinds: {
    contact: 'Contacts',
    dossier: 'Dossiers',
    account: 'Accounts',
    listing: 'Listings',
    coopMember: 'Cooperative members',
  },
};
