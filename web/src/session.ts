// Who is logged in, as a signal the whole console reads. `null` = logged out; `undefined` = not known yet.
import { signal } from '@preact/signals';
import type { LoginResponse, Me } from '../../server/contract/api.js';
import { api, ApiFailure, setCsrfToken } from './api.js';

export const me = signal<Me | null | undefined>(undefined);

/** Asks the server who we are (the session cookie survives reloads). */
export async function loadSession(): Promise<void> {
  try {
    me.value = await api.get<Me>('/api/me');
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401) me.value = null;
    else throw err;
  }
}

export async function login(username: string, password: string): Promise<void> {
  const res = await api.post<LoginResponse>('/api/auth/login', { username, password });
  setCsrfToken(res.csrfToken);
  me.value = res.user;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    setCsrfToken(null);
    me.value = null;
    location.hash = '#/';
  }
}
