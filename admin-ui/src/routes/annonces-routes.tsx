import { HomeOutlined } from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import { Spin } from 'antd';
import { createElement, Fragment, lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router';
import i18n from '../i18n';
import { hasPermission } from '../providers/access-control';
import { RequireAccess } from '../components/require-access';

const AnnonceList = lazy(() => import('../pages/annonces/list'));
const AnnonceCreate = lazy(() => import('../pages/annonces/create'));
const AnnonceEdit = lazy(() => import('../pages/annonces/edit'));
const AnnonceShow = lazy(() => import('../pages/annonces/show'));

function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
      <Component />
    </Suspense>
  );
}

/** Property listings (annonces); the matching itself lives on the dossier page. */
export const annoncesResources: ResourceProps[] = [
  {
    name: 'annonces',
    list: '/annonces',
    create: '/annonces/create',
    edit: '/annonces/edit/:id',
    show: '/annonces/show/:id',
    meta: {
      icon: createElement(HomeOutlined),
      // Menu and button labels in the chosen language, read each time the menu is built.
      get label(): string {
        return i18n.t('annonces:menu.annonces');
      },
      get hide(): boolean {
        return !hasPermission('CRM_ANNONCES_VIEW');
      },
    },
  },
];

export const annoncesRoutes = (
  <Fragment>
    <Route path="/annonces">
      <Route index element={page(AnnonceList)} />
      <Route path="create" element={<RequireAccess>{page(AnnonceCreate)}</RequireAccess>} />
      <Route path="edit/:id" element={<RequireAccess>{page(AnnonceEdit)}</RequireAccess>} />
      <Route path="show/:id" element={page(AnnonceShow)} />
    </Route>
  </Fragment>
);
