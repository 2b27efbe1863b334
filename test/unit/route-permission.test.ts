import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import auth from '../../api/plugins/app/auth.js';
import { describeRequirement, grantsAnyOf } from '../../api/lib/route-permission.js';

describe('route permission', () => {
  it('accepts one permission or any one of a list', () => {
    const held = new Set(['WORKFLOW_ADMIN', 'CRM_DEALS_VIEW']);
    expect(grantsAnyOf(held, 'WORKFLOW_ADMIN')).toBe(true);
    expect(grantsAnyOf(held, 'USER_ADMIN')).toBe(false);
    expect(grantsAnyOf(held, ['USER_ADMIN', 'WORKFLOW_ADMIN'])).toBe(true);
    expect(grantsAnyOf(held, ['USER_ADMIN', 'AUDIT_VIEW'])).toBe(false);
    expect(grantsAnyOf(held, [])).toBe(false);
    expect(describeRequirement('USER_ADMIN')).toBe('the USER_ADMIN permission');
    expect(describeRequirement(['USER_ADMIN', 'WORKFLOW_ADMIN'])).toBe(
      'one of the USER_ADMIN, WORKFLOW_ADMIN permissions',
    );
  });

  it('refuses to register an /api route whose permission list is empty', async () => {
    const app = Fastify();
    await app.register(auth);
    expect(() => app.get('/api/v1/nothing', { config: { permission: [] } }, async () => ({}))).toThrow(
      /declares no permission/,
    );
    app.get('/api/v1/either', { config: { permission: ['USER_ADMIN', 'WORKFLOW_ADMIN'] } }, async () => ({}));
    await app.close();
  });
});
