import { ClusterOutlined, WalletOutlined } from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import { Spin } from 'antd';
import {
  createElement,
  Fragment,
  lazy,
  Suspense,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { Route } from 'react-router';
import i18n from '../i18n';
import { hasPermission } from '../providers/access-control';
import { RequireAccess } from '../components/require-access';

const GroupList = lazy(() => import('../pages/coop-groups/list'));
const GroupCreate = lazy(() => import('../pages/coop-groups/create'));
const GroupEdit = lazy(() => import('../pages/coop-groups/edit'));
const GroupShow = lazy(() => import('../pages/coop-groups/show'));
const MyCoop = lazy(() => import('../pages/coop-me'));

function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
      <Component />
    </Suspense>
  );
}

/** A member-only user: the coop member screens are all they see (and where they land). */
export function isCoopMemberOnly(): boolean {
  return hasPermission('COOP_MEMBER') && !hasPermission('COOP_ADMIN');
}

/** Label and visibility are getters, read each time the menu is built (after sign-in, in the chosen language). */
function meta(key: string, icon: ReactNode, permissions: Record<string, string>, visible: () => boolean) {
  return {
    icon,
    permissions,
    get label(): string {
      return i18n.t(`coop:menu.${key}`);
    },
    get hide(): boolean {
      return !visible();
    },
  };
}

/** Coop Habitat: groups for responsibles (COOP_ADMIN), "my cooperative" for members (COOP_MEMBER). */
export const coopResources: ResourceProps[] = [
  {
    name: 'coop/groups',
    list: '/coop/groups',
    create: '/coop/groups/create',
    edit: '/coop/groups/edit/:id',
    show: '/coop/groups/show/:id',
    meta: meta(
      'groups',
      createElement(ClusterOutlined),
      { list: 'COOP_ADMIN', show: 'COOP_ADMIN', create: 'COOP_ADMIN', edit: 'COOP_ADMIN' },
      () => hasPermission('COOP_ADMIN'),
    ),
  },
  {
    name: 'coop/me',
    list: '/coop/me',
    meta: meta('me', createElement(WalletOutlined), { list: 'COOP_MEMBER' }, isCoopMemberOnly),
  },
];

export const coopRoutes = (
  <Fragment>
    <Route path="/coop/groups">
      <Route index element={page(GroupList)} />
      <Route path="create" element={<RequireAccess>{page(GroupCreate)}</RequireAccess>} />
      <Route path="edit/:id" element={<RequireAccess>{page(GroupEdit)}</RequireAccess>} />
      <Route path="show/:id" element={page(GroupShow)} />
    </Route>
    <Route path="/coop/me" element={page(MyCoop)} />
  </Fragment>
);
