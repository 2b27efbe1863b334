/**
 * The "password" namespace (change-password page and menu entry) and the password policy's
 * field reasons. Arabic is written here ready for when the UI registers `ar`.
 */
export const passwordFr = {
  menu: 'Changer mon mot de passe',
  title: 'Changer mon mot de passe',
  forced:
    'Votre mot de passe a été réinitialisé par un administrateur : choisissez-en un nouveau pour continuer.',
  rules:
    'Au moins {{min}} caractères ; quelques mots font une bonne phrase de passe. Les mots de passe courants, divulgués ou trop prévisibles sont refusés.',
  current: 'Mot de passe actuel',
  new: 'Nouveau mot de passe',
  confirm: 'Confirmer le nouveau mot de passe',
  currentRequired: 'Saisissez votre mot de passe actuel',
  tooShort: 'Au moins {{min}} caractères',
  confirmRequired: 'Confirmez le nouveau mot de passe',
  mismatch: 'Les deux mots de passe ne correspondent pas',
  submit: 'Changer le mot de passe',
  cancel: 'Annuler',
  changed: 'Mot de passe changé ; vos autres sessions ont été fermées.',
  failed: 'Le mot de passe n’a pas été changé',
};

export const passwordEn: Record<keyof typeof passwordFr, string> = {
  menu: 'Change my password',
  title: 'Change my password',
  forced: 'An administrator reset your password: choose a new one to continue.',
  rules:
    'At least {{min}} characters; a few words make a good passphrase. Common, breached or predictable passwords are refused.',
  current: 'Current password',
  new: 'New password',
  confirm: 'Confirm the new password',
  currentRequired: 'Enter your current password',
  tooShort: 'At least {{min}} characters',
  confirmRequired: 'Confirm the new password',
  mismatch: 'The two passwords do not match',
  submit: 'Change password',
  cancel: 'Cancel',
  changed: 'Password changed; your other sessions were signed out.',
  failed: 'The password was not changed',
};

export const passwordAr: Record<keyof typeof passwordFr, string> = {
  menu: 'تغيير كلمة المرور',
  title: 'تغيير كلمة المرور',
  forced: 'أعاد أحد المسؤولين تعيين كلمة المرور الخاصة بك: اختر كلمة مرور جديدة للمتابعة.',
  rules:
    '{{min}} حرفًا على الأقل؛ بضع كلمات تصنع عبارة مرور جيدة. تُرفض كلمات المرور الشائعة أو المسرّبة أو السهلة التخمين.',
  current: 'كلمة المرور الحالية',
  new: 'كلمة المرور الجديدة',
  confirm: 'تأكيد كلمة المرور الجديدة',
  currentRequired: 'أدخل كلمة المرور الحالية',
  tooShort: '{{min}} حرفًا على الأقل',
  confirmRequired: 'أكّد كلمة المرور الجديدة',
  mismatch: 'كلمتا المرور غير متطابقتين',
  submit: 'تغيير كلمة المرور',
  cancel: 'إلغاء',
  changed: 'تم تغيير كلمة المرور؛ وأُغلقت جلساتك الأخرى.',
  failed: 'لم يتم تغيير كلمة المرور',
};

/** The policy's reason codes (fieldErrors namespace); fr and en are merged into field-errors.ts. */
export const passwordFieldErrorsFr = {
  PASSWORD_TOO_SHORT: 'Au moins {{limit}} caractères',
  PASSWORD_COMMON: 'Mot de passe courant, divulgué ou mot du dictionnaire : choisissez-en un autre',
  PASSWORD_GUESSABLE:
    'Trop facile à deviner (mots courants, suites, répétitions, motifs du clavier ou vos propres informations)',
  PASSWORD_REUSED: 'Doit être différent du mot de passe actuel',
  PASSWORD_CURRENT_WRONG: 'Ce n’est pas votre mot de passe actuel',
};

export const passwordFieldErrorsEn: Record<keyof typeof passwordFieldErrorsFr, string> = {
  PASSWORD_TOO_SHORT: 'At least {{limit}} characters',
  PASSWORD_COMMON: 'A common or breached password, or a dictionary word: choose another',
  PASSWORD_GUESSABLE:
    'Too easy to guess (common words, sequences, repetitions, keyboard patterns or your own details)',
  PASSWORD_REUSED: 'Must differ from the current password',
  PASSWORD_CURRENT_WRONG: 'This is not your current password',
};

export const passwordFieldErrorsAr: Record<keyof typeof passwordFieldErrorsFr, string> = {
  PASSWORD_TOO_SHORT: '{{limit}} حرفًا على الأقل',
  PASSWORD_COMMON: 'كلمة مرور شائعة أو مسرّبة أو كلمة من القاموس: اختر غيرها',
  PASSWORD_GUESSABLE: 'سهلة التخمين (كلمات شائعة، تسلسلات، تكرارات، أنماط لوحة المفاتيح أو بياناتك الشخصية)',
  PASSWORD_REUSED: 'يجب أن تختلف عن كلمة المرور الحالية',
  PASSWORD_CURRENT_WRONG: 'هذه ليست كلمة المرور الحالية',
};
