import type { ThemeConfig } from 'antd';

/**
 * antd's defaults miss WCAG AA contrast (4.5:1) in several places: primary/link #1677ff is 4.1:1,
 * secondary text (#8c8c8c) 3.4:1, danger #ff4d4f 3.3:1, and coloured tags print their palette's
 * shade 7 on shade 1 (gold 2.8:1, orange, green, cyan ≈ 3.4:1). The seeds below are darker shades of
 * the same hues, and each tag palette's text shade is moved one or two steps darker, so every text
 * stays ≥ 4.5:1 on white, on antd's light fills and on its own tag background.
 */
const TAG_TEXT: Record<string, string> = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
};

export const accessibleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9', // 6.2:1 on white (blue-7)
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorSuccess: '#237804', // 5.6:1
    colorWarning: '#ad4e00', // 5.4:1
    colorError: '#cf1322', // 5.6:1; white on it 5.6:1 for danger buttons
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)', // #666 — 5.7:1 on white, 5.3:1 on #f5f5f5
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    ...TAG_TEXT,
  },
};
