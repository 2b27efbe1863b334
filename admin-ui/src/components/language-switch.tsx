import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

/** Each language named in itself (so anyone finds theirs). */
const NAMES: Record<Language, string> = { fr: 'FR', en: 'EN', ar: 'ع' };

/** FR/EN/AR switch; the choice is kept in localStorage (`atlas.lang`). */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const current = LANGUAGES.find((l) => i18n.language.startsWith(l)) ?? 'fr';
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('common:header.language')}
      data-testid="language-switch"
      value={current}
      options={LANGUAGES.map((value) => ({
        value,
        label: <span lang={value}>{NAMES[value]}</span>,
      }))}
      onChange={(lang) => setLanguage(lang)}
    />
  );
}
