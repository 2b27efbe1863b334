import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

/** FR/EN switch; the choice is kept in localStorage (`atlas.lang`). */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const current: Language = i18n.language.startsWith('en') ? 'en' : 'fr';
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('common:header.language')}
      data-testid="language-switch"
      value={current}
      options={[
        { value: 'fr', label: 'FR' },
        { value: 'en', label: 'EN' },
      ]}
      onChange={(lang) => setLanguage(lang)}
    />
  );
}
