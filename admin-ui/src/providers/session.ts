/** Browser-side session storage: the access token and the signed-in user, kept in localStorage. */

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  roles: string[];
  permissions: string[];
  /** After an admin reset: the UI shows only the change-password page. */
  mustChangePassword?: boolean;
}

/** What `useGetIdentity` returns. */
export interface Identity extends SessionUser {
  name: string;
}

const TOKEN_KEY = 'atlas.accessToken';
const USER_KEY = 'atlas.user';

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function getUser(): SessionUser | null {
  const raw = localStorage.getItem(USER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SessionUser;
  } catch {
    return null;
  }
}

export function saveSession(token: string, user: SessionUser): void {
  localStorage.setItem(TOKEN_KEY, token);
  localStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession(): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(USER_KEY);
}

/** Reads the `exp` claim (seconds since epoch) from a JWT without verifying it; null if absent/unreadable. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}

/** True when a token is stored, a user is stored, and the token has not expired. */
export function hasValidSession(now: number = Date.now()): boolean {
  const token = getToken();
  if (!token || !getUser()) return false;
  const exp = tokenExpiry(token);
  return exp !== null && exp * 1000 > now;
}
