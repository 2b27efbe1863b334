import { it } from 'vitest';
import { buildTestApp, login } from '../helpers/app.js';
it('debug', async () => {
  const t = await buildTestApp();
  const s = await login(t.app, 'admin@demo.test', 'demo');
  for (const url of ['/api/v1/activities?page=1e309', '/api/v1/activities?page=999999', '/api/v1/dossiers?scoreMin=1e309', '/api/v1/dossiers?scoreMin=101']) {
    const r = await t.app.inject({ url, headers: s.headers });
    console.log(url, r.statusCode, r.body.slice(0, 200));
  }
  await t.close();
});
