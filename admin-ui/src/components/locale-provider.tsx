import { ConfigProvider } from 'antd';
import arEG from 'antd/locale/ar_EG';
import enUS from 'antd/locale/en_US';
import frFR from 'antd/locale/fr_FR';
import dayjs from 'dayjs';
import 'dayjs/locale/ar';
import 'dayjs/locale/fr';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { accessibleTheme } from '../theme/accessible-theme';
import '../theme/contrast.css';
import '../theme/narrow.css';

const ANTD = { fr: frFR, en: enUS, ar: arEG };

/** Ant Design's own texts (empty tables, date pickers, pagination), its direction and dayjs in the UI language; the AA-contrast theme. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : i18n.language.startsWith('ar') ? 'ar' : 'fr';
  dayjs.locale(lang);
  return (
    <ConfigProvider locale={ANTD[lang]} direction={lang === 'ar' ? 'rtl' : 'ltr'} theme={accessibleTheme}>
      {children}
    </ConfigProvider>
  );
}
