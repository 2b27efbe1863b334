import { CanAccess } from '@refinedev/core';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What a user reaches by URL on a screen their permissions do not allow: no live form, a way out. */
export function NotAllowed() {
  const { t } = useTranslation('a11y');
  return (
    <div data-testid="not-allowed">
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.subTitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('forbidden.back')}</Button>
          </Link>
        }
      />
    </div>
  );
}

/**
 * Wraps a create/edit route: the resource and action come from the route (Refine matches the URL,
 * e.g. /dossiers/edit/:id → dossiers.edit) and the access control provider decides. The server stays
 * the judge; this only keeps a form the user could not save off the screen.
 */
export function RequireAccess({ children }: { children: ReactNode }) {
  return <CanAccess fallback={<NotAllowed />}>{children}</CanAccess>;
}
