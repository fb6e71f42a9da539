// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/csrf, GET /api/me.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CsrfToken, ErrorBody, LoginBody, LoginResponse, Me, Ok } from '../contract/api.js';
import type { ServerConfig } from '../config.js';
import type { Services } from '../services/index.js';
import type { Store, UserRow } from '../store/index.js';
import { ApiError } from '../errors.js';
import { currentUser, SESSION_COOKIE } from '../auth/plugin.js';

export interface RouteOptions {
  config: ServerConfig;
  services: Services;
  store: Store;
}

export function meView(store: Store, user: UserRow): Me {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    cohorts: store.cohorts.cohortsOf(user.id).map((c) => ({ id: c.id, name: c.name })),
  };
}

export const authRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { config, services, store }) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.secureCookies,
  };

  app.get(
    '/api/auth/csrf',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        security: [],
        summary: 'CSRF token to send in the x-csrf-token header of every POST/PUT/PATCH/DELETE',
        response: { 200: CsrfToken },
      },
    },
    async (_req, reply) => ({ csrfToken: reply.generateCsrf() }),
  );

  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: config.loginRateLimit.max, timeWindow: config.loginRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['auth'],
        security: [{ csrf: [] }],
        summary: 'Log in; sets the session cookie',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const user = await services.accounts.checkPassword(req.body.username, req.body.password);
      if (!user) {
        req.log.info({ username: req.body.username }, 'login failed');
        throw new ApiError(401, 'unauthenticated', 'wrong username or password');
      }
      // A new session id at every login (no session fixation); the previous one, if any, ends.
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) services.accounts.closeSession(previous);
      const { token, expiresAt } = services.accounts.openSession(user.id, config.sessionTtlHours);
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt });
      store.audit.add({ actorId: user.id, action: 'auth.login', targetType: 'user', targetId: user.id });
      return { user: meView(store, user), csrfToken: reply.generateCsrf() };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], security: [{ csrf: [] }], summary: 'End the session (no-op when not logged in)', response: { 200: Ok } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) services.accounts.closeSession(token);
      if (req.user) store.audit.add({ actorId: req.user.id, action: 'auth.logout', targetType: 'user', targetId: req.user.id });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: Me } } },
    async (req) => meView(store, currentUser(req)),
  );
};
