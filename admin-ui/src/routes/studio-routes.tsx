import {
  AuditOutlined,
  BookOutlined,
  BranchesOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import {
  createElement,
  lazy,
  Suspense,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { Route } from 'react-router';
import { Spin } from 'antd';
import i18n from '../i18n';
import type { Permission } from '../../../definitions/permissions.js';
import { can } from '../studio/access';
import { RequireAccess } from '../components/require-access';

/**
 * Resource meta whose label and visibility are getters, read each time the menu is built (after each
 * sign-in, in the chosen language). Spreading would freeze them, so the object is built here.
 */
function meta(key: string, icon: ReactNode, permissions: Record<string, Permission>, ...anyOf: Permission[]) {
  return {
    icon,
    /** Read by the access-control provider (providers/access-control.ts): Refine's buttons and menu. */
    permissions,
    get label(): string {
      return i18n.t(`studio:menu.${key}`);
    },
    get hide(): boolean {
      return !anyOf.some(can);
    },
  };
}

/** The manager studio's Refine resources (dictionaries, workflow definitions, users, roles, audit). */
export const studioResources: ResourceProps[] = [
  {
    name: 'dictionaries',
    list: '/dictionaries',
    meta: meta('dictionaries', createElement(BookOutlined), { list: 'DICTIONARY_ADMIN' }, 'DICTIONARY_ADMIN'),
  },
  {
    name: 'workflow-definitions',
    list: '/workflow-definitions',
    create: '/workflow-definitions/create',
    edit: '/workflow-definitions/edit/:id',
    show: '/workflow-definitions/show/:id',
    meta: meta(
      'definitions',
      createElement(BranchesOutlined),
      { list: 'CRM_DEALS_VIEW', show: 'CRM_DEALS_VIEW', create: 'WORKFLOW_ADMIN', edit: 'WORKFLOW_ADMIN' },
      'CRM_DEALS_VIEW',
    ),
  },
  {
    name: 'users',
    list: '/users',
    create: '/users/create',
    meta: meta(
      'users',
      createElement(TeamOutlined),
      { list: 'USER_ADMIN', create: 'USER_ADMIN' },
      'USER_ADMIN',
    ),
  },
  {
    name: 'roles',
    list: '/roles',
    meta: meta('roles', createElement(SafetyCertificateOutlined), { list: 'USER_ADMIN' }, 'USER_ADMIN'),
  },
  {
    name: 'audit',
    list: '/audit',
    meta: meta('audit', createElement(AuditOutlined), { list: 'AUDIT_VIEW' }, 'AUDIT_VIEW'),
  },
];

// One chunk per screen: the first page stays light.
const pages = {
  dictionaries: lazy(() => import('../pages/dictionaries/list')),
  definitionList: lazy(() => import('../pages/workflow-definitions/list')),
  definitionCreate: lazy(() => import('../pages/workflow-definitions/create')),
  definitionEdit: lazy(() => import('../pages/workflow-definitions/edit')),
  definitionShow: lazy(() => import('../pages/workflow-definitions/show')),
  users: lazy(() => import('../pages/users/list')),
  userCreate: lazy(() => import('../pages/users/create')),
  roles: lazy(() => import('../pages/roles/list')),
  audit: lazy(() => import('../pages/audit/list')),
};

function page(Page: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <Page />
    </Suspense>
  );
}

/** The manager studio's routes, mounted inside the authenticated layout. */
export const studioRoutes = (
  <>
    <Route path="/dictionaries" element={page(pages.dictionaries)} />
    <Route path="/workflow-definitions">
      <Route index element={page(pages.definitionList)} />
      <Route path="create" element={<RequireAccess>{page(pages.definitionCreate)}</RequireAccess>} />
      <Route path="edit/:id" element={<RequireAccess>{page(pages.definitionEdit)}</RequireAccess>} />
      <Route path="show/:id" element={page(pages.definitionShow)} />
    </Route>
    <Route path="/users">
      <Route index element={page(pages.users)} />
      <Route path="create" element={<RequireAccess>{page(pages.userCreate)}</RequireAccess>} />
    </Route>
    <Route path="/roles" element={page(pages.roles)} />
    <Route path="/audit" element={page(pages.audit)} />
  </>
);
