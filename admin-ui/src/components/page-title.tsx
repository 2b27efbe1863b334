import { Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page's title as its one `<h1>`, at the size Refine gives its titles. Refine's page header turns a
 * string title into an `<h4>` plus an always-present `<h5>` subtitle, empty when there is none
 * (axe: heading-order, empty-heading); an element title is rendered as it is.
 */
export function pageTitle(text: ReactNode) {
  return (
    <Typography.Title level={1} style={{ margin: 0, fontSize: 20, lineHeight: 1.4 }}>
      {text}
    </Typography.Title>
  );
}
