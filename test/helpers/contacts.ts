import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { login, TestApp } from './app.js';

export type Session = Awaited<ReturnType<typeof login>>;
export interface ContactBody {
  id: string;
  email: string;
  phone: string | null;
  status: string;
  version: number;
  tags: string[];
  source: string | null;
  assignedAgentId: string | null;
  convertedAt: string | null;
  mergedIntoId: string | null;
}

/** Small HTTP helpers over the contact API for one test app; `run` keeps emails unique per run. */
export function contactApi(getApp: () => TestApp, run: string) {
  const email = (name: string) => `${name}.${run}@example.test`;
  const api = (
    s: Session,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: s.headers,
      ...(payload ? { payload } : {}),
    });
  const newContact = async (s: Session, body: Record<string, unknown> = {}): Promise<ContactBody> => {
    const res = await api(s, 'POST', '/contacts', {
      firstName: 'Jean',
      lastName: 'Martin',
      email: email(randomUUID().slice(0, 6)),
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ContactBody>();
  };
  const getContact = async (s: Session, id: string) => {
    const res = await api(s, 'GET', `/contacts/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  return { email, api, newContact, getContact };
}
