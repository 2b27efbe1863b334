/**
 * The typed API client (issue 16): openapi-fetch over the types `npm run api:types` generates from the
 * API's OpenAPI document (./schema.d.ts), so a path, a parameter or a body the API no longer accepts,
 * or a field it no longer sends, fails `npm run typecheck`. Same conventions as `request`
 * (providers/http.ts): the stored bearer token, JSON, the UI language for labels the API words itself,
 * and refusals thrown as `ApiError` (problem+json phrased in the user's language).
 *
 *   const group = await ok(api.GET('/api/v1/coop/groups/{id}', { params: { path: { id } } }));
 */
import createClient, { type Middleware } from 'openapi-fetch';
import i18n from '../i18n';
import { ApiError, problemError } from '../providers/http';
import { getToken } from '../providers/session';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

/**
 * A resource as the API sends it: every property its schema lists is present (null where allowed).
 * The resource schemas do not list `required` yet, so the generated types mark every property
 * optional; this states what the serializer sends for resources until they do. The few properties
 * an answer really leaves out (a blocked move's `reason`, absent on an allowed one) still read as
 * `undefined` at run time: the screens test them before use, as they did with the hand-written types.
 */
export type Sent<T> = T extends readonly (infer U)[]
  ? Sent<U>[]
  : T extends object
    ? { [K in keyof T]-?: Sent<Exclude<T[K], undefined>> }
    : T;

/** The JSON a 200 of `method path` answers, as sent: `Reply<'/api/v1/coop/me', 'get'>`. */
export type Reply<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? Sent<B>
  : never;

/** The JSON body `method path` takes: `RequestBody<'/api/v1/coop/groups', 'post'>`. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The `{name}` parameters of a path: `'id' | 'roleId'` for `/contacts/{id}/roles/{roleId}/end`. */
type PathParamNames<P> = P extends `${string}{${infer K}}${infer Rest}` ? K | PathParamNames<Rest> : never;

/**
 * The URL of an API path, for the few calls that cannot go through `api` (a multipart upload, a
 * component that takes a URL): the path is still one of the document's, its parameters all given.
 *   apiPath('/api/v1/contacts/{id}/timeline', { id })
 */
export function apiPath<P extends keyof paths & string>(
  path: P,
  ...[params]: [PathParamNames<P>] extends [never] ? [] : [Record<PathParamNames<P>, string>]
): string {
  const values = (params ?? {}) as Record<string, string>;
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

const session: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept', request.headers.get('Accept') ?? 'application/json');
    request.headers.set('Accept-Language', i18n.language.startsWith('en') ? 'en' : 'fr');
    const token = getToken();
    if (token && !request.headers.has('Authorization'))
      request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(session);

/** What openapi-fetch resolves to: the 2xx body as `data`, or the refusal's body as `error`. */
export interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The 2xx body of a call (as sent: `Sent`), or the refusal thrown as an `ApiError` (a network failure too, status 0). */
export async function ok<D>(pending: Promise<Answer<D>>): Promise<Sent<D>> {
  let answer: Answer<D>;
  try {
    answer = await pending;
  } catch (err) {
    throw new ApiError(`Network error: ${err instanceof Error ? err.message : String(err)}`, 0);
  }
  if (!answer.response.ok) throw problemError(answer.response, answer.error);
  return answer.data as Sent<D>;
}
