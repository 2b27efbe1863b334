import { NotificationOutlined } from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import { Spin } from 'antd';
import { createElement, lazy, Suspense } from 'react';
import { Route } from 'react-router';
import i18n from '../i18n';
import { hasPermission } from '../providers/access-control';

const NotificationRulesPage = lazy(() => import('../pages/notification-rules'));

/** Notification rules (managers with WORKFLOW_ADMIN). */
export const rulesResources: ResourceProps[] = [
  {
    name: 'notification-rules',
    list: '/notification-rules',
    meta: {
      icon: createElement(NotificationOutlined),
      permissions: { list: 'WORKFLOW_ADMIN' },
      get label(): string {
        return i18n.t('rules:menu.rules');
      },
      get hide(): boolean {
        return !hasPermission('WORKFLOW_ADMIN');
      },
    },
  },
];

export const rulesRoutes = (
  <Route
    path="/notification-rules"
    element={
      <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
        <NotificationRulesPage />
      </Suspense>
    }
  />
);
