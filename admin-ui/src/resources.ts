import { DashboardOutlined } from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import { createElement } from 'react';
import { agentResources } from './routes/agent-routes';
import { annoncesResources } from './routes/annonces-routes';
import { coopResources } from './routes/coop-routes';
import { engagementResources } from './routes/engagement-routes';
import { rulesResources } from './routes/rules-routes';
import { studioResources } from './routes/studio-routes';

/** All Refine resources of the admin UI. Work screens (leads, listings, …) are added here. */
export const resources: ResourceProps[] = [
  {
    name: 'dashboard',
    list: '/dashboard',
    // Menu label from i18n (`dashboard.dashboard` in the common namespace).
    meta: { icon: createElement(DashboardOutlined) },
  },
  ...agentResources,
  ...annoncesResources,
  ...coopResources,
  ...engagementResources,
  ...rulesResources,
  ...studioResources,
];
