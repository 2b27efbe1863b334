import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import frFR from 'antd/locale/fr_FR';
import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { accessibleTheme } from '../theme/accessible-theme';
import '../theme/contrast.css';

/** Ant Design's own texts (empty tables, date pickers, pagination) and dayjs in the UI language; the AA-contrast theme. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  dayjs.locale(en ? 'en' : 'fr');
  return (
    <ConfigProvider locale={en ? enUS : frFR} theme={accessibleTheme}>
      {children}
    </ConfigProvider>
  );
}
