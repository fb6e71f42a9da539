// Authentication, authorisation and CSRF for every /api route, applied as global hooks so a route is
// protected unless it opts out with `config: { public: true }`.
//
// CSRF choice: @fastify/csrf-protection with its secret in a signed, httpOnly, SameSite=Strict cookie
// and the token sent back in the `x-csrf-token` header (never accepted from the body or query).
// We prefer the maintained library to a hand-rolled double-submit scheme: its tokens are salted
// SHA-256 digests of a per-browser secret, compared in constant time, and the secret cookie is signed
// with the server's cookie secret, so neither a cookie value nor a token alone is enough. The
// token is independent of the login session, which lets it also protect the login form itself
// (login CSRF), and a cross-site page can neither read it nor set the header. SameSite=Strict on the
// session cookie is the second layer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../contract/vocab.js';
import type { UserRow } from '../store/index.js';
import type { AccountService } from '../services/accounts.js';
import { forbidden, unauthenticated } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, or null. Set by the auth hook for /api requests. */
    user: UserRow | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
    /** Roles allowed; any logged-in user when absent. */
    roles?: readonly Role[];
  }
}

export const SESSION_COOKIE = 'soclab_session';
export const CSRF_COOKIE = 'soclab_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The logged-in user of a request that passed the auth hook. */
export function currentUser(req: FastifyRequest): UserRow {
  if (!req.user) throw unauthenticated();
  return req.user;
}

export interface AuthOptions {
  accounts: AccountService;
}

export function registerAuthHooks(app: FastifyInstance, { accounts }: AuthOptions): void {
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.user = token ? accounts.userForSession(token) : null;
    const config = req.routeOptions.config;
    if (config.public) return;
    if (!req.user) throw unauthenticated();
    if (config.roles && !config.roles.includes(req.user.role)) throw forbidden();
  });

  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!req.url.startsWith('/api/') || SAFE_METHODS.has(req.method)) return done();
    app.csrfProtection(req, reply, done);
  });
}
