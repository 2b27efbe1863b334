import type { ResourceProps } from '@refinedev/core';
import { Fragment } from 'react';

/** The manager studio's Refine resources (dictionaries, workflow definitions, users, roles, audit). */
export const studioResources: ResourceProps[] = [];

/** The manager studio's routes, mounted inside the authenticated layout. */
export const studioRoutes = <Fragment />;
