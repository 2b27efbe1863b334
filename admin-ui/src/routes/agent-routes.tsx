import type { ResourceProps } from '@refinedev/core';
import { Fragment } from 'react';

/** The agent workspace's Refine resources (dossiers, contacts, accounts, dashboard). */
export const agentResources: ResourceProps[] = [];

/** The agent workspace's routes, mounted inside the authenticated layout. */
export const agentRoutes = <Fragment />;
