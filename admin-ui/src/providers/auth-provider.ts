import type { AuthProvider } from '@refinedev/core';
import { ApiError, request } from './http';
import type { Identity, SessionUser } from './session';
import { clearSession, getUser, hasValidSession, saveSession } from './session';

export interface LoginParams {
  org: string;
  email: string;
  password: string;
}

interface LoginResponse {
  accessToken: string;
  user: SessionUser;
}

export const authProvider: AuthProvider = {
  login: async ({ org, email, password }: LoginParams) => {
    try {
      const res = await request<LoginResponse>('/api/v1/auth/login', {
        method: 'POST',
        body: { email, password, org },
        auth: false,
      });
      saveSession(res.accessToken, res.user);
      return { success: true, redirectTo: res.user.mustChangePassword ? '/change-password' : '/' };
    } catch (err) {
      const message = err instanceof Error ? err.message : 'Sign-in failed';
      const error = new Error(message);
      error.name = 'Sign-in failed';
      return { success: false, error };
    }
  },

  logout: async () => {
    clearSession();
    return { success: true, redirectTo: '/login' };
  },

  check: async () => {
    if (hasValidSession()) return { authenticated: true };
    clearSession();
    return { authenticated: false, logout: true, redirectTo: '/login' };
  },

  onError: async (error: unknown) => {
    const status =
      error instanceof ApiError ? error.statusCode : (error as { statusCode?: unknown })?.statusCode;
    if (status === 401) {
      clearSession();
      return { logout: true, redirectTo: '/login' };
    }
    return {};
  },

  getIdentity: async (): Promise<Identity | null> => {
    const user = getUser();
    return user ? { ...user, name: user.fullName } : null;
  },

  getPermissions: async () => getUser()?.permissions ?? [],
};
