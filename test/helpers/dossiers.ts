import type { FastifyInstance } from 'fastify';

export async function createDossier(
  app: FastifyInstance,
  headers: Record<string, string>,
  body: Record<string, unknown> = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers,
    payload: { caseType: 'ACHAT', title: 'Appartement T3 Lyon', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create dossier failed: ${res.statusCode} ${res.body}`);
  return res.json<{
    id: string;
    statusCode: string;
    version: number;
    workflowId: string;
    definitionVersion: number;
    reference: string;
  }>();
}

export function transition(
  app: FastifyInstance,
  headers: Record<string, string>,
  id: string,
  payload: Record<string, unknown>,
  extraHeaders: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/transitions`,
    headers: { ...headers, ...extraHeaders },
    payload,
  });
}
