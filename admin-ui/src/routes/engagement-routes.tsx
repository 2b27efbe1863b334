import { CalendarOutlined, SettingOutlined } from '@ant-design/icons';
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
import { can } from '../engagement/api';
import i18n from '../i18n';
import { RequireAccess } from '../components/require-access';

const AppointmentCalendar = lazy(() => import('../pages/appointments/calendar'));
const AppointmentCreate = lazy(() => import('../pages/appointments/create'));
const AppointmentShow = lazy(() => import('../pages/appointments/show'));
const SettingsPage = lazy(() => import('../pages/settings'));

function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
      <Component />
    </Suspense>
  );
}

/** Label and visibility are getters, read each time the menu is built (after sign-in, in the chosen language). */
function meta(key: string, icon: ReactNode, permissions: Record<string, string>, visibleWith: string) {
  return {
    icon,
    permissions,
    get label(): string {
      return i18n.t(`engagement:menu.${key}`);
    },
    get hide(): boolean {
      return !can(visibleWith);
    },
  };
}

/** Appointments (agent calendar) and the agency settings. */
export const engagementResources: ResourceProps[] = [
  {
    name: 'appointments',
    list: '/appointments',
    create: '/appointments/create',
    show: '/appointments/show/:id',
    meta: meta(
      'appointments',
      createElement(CalendarOutlined),
      { list: 'CRM_APPOINTMENTS_VIEW', show: 'CRM_APPOINTMENTS_VIEW', create: 'CRM_APPOINTMENTS_CREATE' },
      'CRM_APPOINTMENTS_VIEW',
    ),
  },
  {
    name: 'settings',
    list: '/settings',
    meta: meta('settings', createElement(SettingOutlined), { list: 'WORKFLOW_ADMIN' }, 'WORKFLOW_ADMIN'),
  },
];

export const engagementRoutes = (
  <Fragment>
    <Route path="/appointments">
      <Route index element={page(AppointmentCalendar)} />
      <Route path="create" element={<RequireAccess>{page(AppointmentCreate)}</RequireAccess>} />
      <Route path="show/:id" element={page(AppointmentShow)} />
    </Route>
    <Route path="/settings" element={page(SettingsPage)} />
  </Fragment>
);
