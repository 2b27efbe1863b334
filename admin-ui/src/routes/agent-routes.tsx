import {
  AppstoreOutlined,
  BankOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  FolderOpenOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import { Spin } from 'antd';
import { createElement, Fragment, lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router';
import { RequireAccess } from '../components/require-access';

// One chunk per resource (and per screen): the first page only loads what it shows.
const DashboardPage = lazy(() => import('../pages/dashboard'));
const DossierList = lazy(() => import('../pages/dossiers/list'));
const DossierKanban = lazy(() => import('../pages/dossiers/kanban'));
const DossierCreate = lazy(() => import('../pages/dossiers/create'));
const DossierEdit = lazy(() => import('../pages/dossiers/edit'));
const DossierShow = lazy(() => import('../pages/dossiers/show'));
const ContactList = lazy(() => import('../pages/contacts/list'));
const ContactCreate = lazy(() => import('../pages/contacts/create'));
const ContactEdit = lazy(() => import('../pages/contacts/edit'));
const ContactShow = lazy(() => import('../pages/contacts/show'));
const AccountList = lazy(() => import('../pages/accounts/list'));
const AccountCreate = lazy(() => import('../pages/accounts/create'));
const AccountEdit = lazy(() => import('../pages/accounts/edit'));
const AccountShow = lazy(() => import('../pages/accounts/show'));
const TasksPage = lazy(() => import('../pages/tasks'));
const ImportPage = lazy(() => import('../pages/imports'));

function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
      <Component />
    </Suspense>
  );
}

/** The agent workspace's Refine resources (dossiers, contacts, accounts; the dashboard is in resources.ts). */
export const agentResources: ResourceProps[] = [
  {
    name: 'dossiers',
    list: '/dossiers',
    create: '/dossiers/create',
    edit: '/dossiers/edit/:id',
    show: '/dossiers/show/:id',
    meta: { icon: createElement(FolderOpenOutlined) },
  },
  {
    name: 'kanban',
    list: '/dossiers/kanban',
    meta: { icon: createElement(AppstoreOutlined) },
  },
  {
    name: 'tasks',
    list: '/tasks',
    meta: { icon: createElement(CheckSquareOutlined) },
  },
  {
    name: 'contacts',
    list: '/contacts',
    create: '/contacts/create',
    edit: '/contacts/edit/:id',
    show: '/contacts/show/:id',
    meta: { icon: createElement(TeamOutlined) },
  },
  {
    name: 'imports',
    list: '/imports',
    meta: { icon: createElement(CloudUploadOutlined) },
  },
  {
    name: 'accounts',
    list: '/accounts',
    create: '/accounts/create',
    edit: '/accounts/edit/:id',
    show: '/accounts/show/:id',
    meta: { icon: createElement(BankOutlined) },
  },
];

/** The agent workspace's routes, mounted inside the authenticated layout. */
export const agentRoutes = (
  <Fragment>
    <Route path="/dashboard" element={page(DashboardPage)} />
    <Route path="/tasks" element={page(TasksPage)} />
    <Route path="/imports" element={<RequireAccess>{page(ImportPage)}</RequireAccess>} />
    <Route path="/dossiers">
      <Route index element={page(DossierList)} />
      <Route path="kanban" element={page(DossierKanban)} />
      <Route path="create" element={<RequireAccess>{page(DossierCreate)}</RequireAccess>} />
      <Route path="edit/:id" element={<RequireAccess>{page(DossierEdit)}</RequireAccess>} />
      <Route path="show/:id" element={page(DossierShow)} />
    </Route>
    <Route path="/contacts">
      <Route index element={page(ContactList)} />
      <Route path="create" element={<RequireAccess>{page(ContactCreate)}</RequireAccess>} />
      <Route path="edit/:id" element={<RequireAccess>{page(ContactEdit)}</RequireAccess>} />
      <Route path="show/:id" element={page(ContactShow)} />
    </Route>
    <Route path="/accounts">
      <Route index element={page(AccountList)} />
      <Route path="create" element={<RequireAccess>{page(AccountCreate)}</RequireAccess>} />
      <Route path="edit/:id" element={<RequireAccess>{page(AccountEdit)}</RequireAccess>} />
      <Route path="show/:id" element={page(AccountShow)} />
    </Route>
  </Fragment>
);
