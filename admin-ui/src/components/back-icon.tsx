import { ArrowLeftOutlined } from '@ant-design/icons';

/**
 * The page header's back control. The header already wraps it in a `role="button"` element, so a
 * plain icon here — Refine's default is a `<Button>`, which nests one button in another (axe:
 * nested-interactive, serious).
 */
export const backIcon = <ArrowLeftOutlined />;
