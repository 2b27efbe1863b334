import type { BaseRecord, CrudFilter, CrudSort, DataProvider, GetListResponse } from '@refinedev/core';
import { request } from './http';

export const API_URL = '/api/v1';

const resourceUrl = (resource: string, id?: string | number): string =>
  id === undefined ? `${API_URL}/${resource}` : `${API_URL}/${resource}/${encodeURIComponent(String(id))}`;

/** `sort=field,-field2` */
function appendSorters(params: URLSearchParams, sorters?: CrudSort[]): void {
  if (!sorters?.length) return;
  params.set('sort', sorters.map((s) => (s.order === 'desc' ? `-${s.field}` : s.field)).join(','));
}

/**
 * `eq`/`in` → `field=value` (an array value repeats the parameter: `statusCode=A&statusCode=B`);
 * `contains` (or a filter on field `q`) → `q=value`. Name filters after the API's query parameters
 * (`budgetFrom`, `createdTo`, …). Or/and groups are not supported by the API and are ignored.
 */
function appendFilters(params: URLSearchParams, filters?: CrudFilter[]): void {
  for (const filter of filters ?? []) {
    if (!('field' in filter)) continue;
    const { field, operator, value } = filter;
    if (value === undefined || value === null || value === '') continue;
    if (field === 'q' || operator === 'contains') params.set('q', String(value));
    else if (operator === 'eq' || operator === 'in') {
      params.delete(field);
      for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) {
        if (v !== undefined && v !== null && v !== '') params.append(field, String(v));
      }
    }
  }
}

function withQuery(url: string, params: URLSearchParams): string {
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

export const dataProvider: DataProvider = {
  getApiUrl: () => API_URL,

  getList: async <TData extends BaseRecord>({
    resource,
    pagination,
    sorters,
    filters,
  }: Parameters<DataProvider['getList']>[0]) => {
    const params = new URLSearchParams();
    const { currentPage = 1, pageSize = 10, mode = 'server' } = pagination ?? {};
    if (mode === 'server') {
      params.set('page', String(currentPage));
      params.set('pageSize', String(pageSize));
    }
    appendSorters(params, sorters);
    appendFilters(params, filters);
    const body = await request<GetListResponse<TData>>(withQuery(resourceUrl(resource), params));
    return { data: body.data, total: body.total };
  },

  getOne: async <TData extends BaseRecord>({ resource, id }: Parameters<DataProvider['getOne']>[0]) => ({
    data: await request<TData>(resourceUrl(resource, id)),
  }),

  // `meta.headers` is sent as is, e.g. an `Idempotency-Key` so a retried create is not doubled.
  create: async <TData extends BaseRecord>({
    resource,
    variables,
    meta,
  }: Parameters<DataProvider['create']>[0]) => ({
    data: await request<TData>(resourceUrl(resource), {
      method: 'POST',
      body: variables,
      headers: meta?.headers as Record<string, string> | undefined,
    }),
  }),

  // `variables` is passed through unchanged; it carries `version` for optimistic locking.
  update: async <TData extends BaseRecord>({
    resource,
    id,
    variables,
  }: Parameters<DataProvider['update']>[0]) => ({
    data: await request<TData>(resourceUrl(resource, id), { method: 'PATCH', body: variables }),
  }),

  deleteOne: async <TData extends BaseRecord>({ resource, id }: Parameters<DataProvider['deleteOne']>[0]) => {
    const body = await request<TData | undefined>(resourceUrl(resource, id), { method: 'DELETE' });
    return { data: body ?? ({ id } as TData) };
  },

  custom: async <TData extends BaseRecord>({
    url,
    method,
    payload,
    query,
    headers,
    sorters,
    filters,
  }: Parameters<NonNullable<DataProvider['custom']>>[0]) => {
    const params = new URLSearchParams();
    if (query && typeof query === 'object') {
      for (const [key, value] of Object.entries(query)) {
        if (Array.isArray(value)) for (const v of value as unknown[]) params.append(key, String(v));
        else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
      }
    }
    appendSorters(params, sorters);
    appendFilters(params, filters);
    const data = await request<TData>(withQuery(url, params), {
      method: method.toUpperCase(),
      body: payload,
      headers: headers as Record<string, string> | undefined,
    });
    return { data };
  },
};
