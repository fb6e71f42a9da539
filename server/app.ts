// Builds the lab server: a Fastify 5 instance over a SQLite store, with TypeBox validation, one error
// shape, security headers, sessions, CSRF protection and the OpenAPI description at /docs.
// `main.ts` listens; tests call `buildApp()` and `app.inject()`.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { validatorCompiler } from './validation.js';
import { resolveConfig, type ServerConfig } from './config.js';
import { ApiError, errorBody, handleError } from './errors.js';
import { Store } from './store/index.js';
import { createServices, type Services } from './services/index.js';
import { seedDemoAccounts, type DemoSeed } from './services/accounts.js';
import { CSRF_COOKIE, CSRF_HEADER, registerAuthHooks, SESSION_COOKIE } from './auth/plugin.js';
import { authRoutes, type RouteOptions } from './routes/auth.js';
import { healthRoutes, SERVER_VERSION } from './routes/health.js';
import { cohortRoutes } from './routes/cohorts.js';
import { exerciseRoutes } from './routes/exercises.js';
import { alertRoutes } from './routes/alerts.js';
import { reportRoutes } from './routes/reports.js';
import { eventRoutes } from './routes/events.js';
import { userRoutes } from './routes/users.js';
import { ruleRoutes } from './routes/rules.js';
import { RuleLibrary } from './rules/library.js';
import { LabEvents } from './events.js';
import { ReplayRunner } from './replay/runner.js';
import { pivotRoutes } from './routes/pivot.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { replayRoutes } from './routes/replay.js';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';

export interface SoclabContext {
  config: ServerConfig;
  store: Store;
  services: Services;
  /** The Sigma rule set (reloadable). */
  rules: RuleLibrary;
  /** Live events of exercises (streamed over SSE); the replay publishes through the services. */
  events: LabEvents;
  /** Demo accounts created because the database was empty (their passwords are shown once), else null. */
  firstStart: DemoSeed | null;
  /** Plays running exercises' events through the rules (server/replay/runner.ts). */
  replay: ReplayRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    soclab: SoclabContext;
  }
}

export type SoclabApp = FastifyInstance & { soclab: SoclabContext };

/**
 * The strict Content-Security-Policy: scripts, styles, fonts and connections from our own origin
 * only; no inline script (log content is attacker-controlled and must never run), no plugins, no framing.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The built web console (Vite output, dist/web): next to the bundled server (dist/server/main.js ->
 * dist/web) or, when running from source, under the repository's dist/. Null when not built.
 */
export function findConsoleDir(): string | null {
  for (const rel of ['../dist/web', '../web']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    // assets/ tells the build output from the console's source folder (web/ beside server/).
    if (existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets'))) return dir;
  }
  return null;
}

/**
 * Page loads outside /api and /docs (GET asking for HTML, no file extension) get the console's
 * index.html, so a reload on any console URL works; missing files stay 404s.
 */
function wantsConsole(method: string, url: string, accept: string | undefined): boolean {
  const path = url.split('?')[0];
  const page = !/\.[A-Za-z0-9]+$/.test(path) && !path.startsWith('/api/') && !path.startsWith('/docs');
  return (method === 'GET' || method === 'HEAD') && page && /text\/html/.test(accept ?? '');
}

export async function buildApp(overrides: Partial<ServerConfig> = {}): Promise<SoclabApp> {
  const config = resolveConfig(overrides);
  const store = Store.open(config.dbPath);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      ...(config.logStream ? { stream: config.logStream } : {}),
    },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const rules = new RuleLibrary({ rulesDir: config.rulesDir, log: app.log });
  let replay: ReplayRunner | null = null;
  app.addHook('onClose', async () => {
    await replay?.close();
    await rules.close();
    store.close();
  });
  try {
    app.setValidatorCompiler(validatorCompiler);
    app.setErrorHandler(handleError);
    const consoleDir = findConsoleDir();
    app.setNotFoundHandler((req, reply) => {
      if (consoleDir && wantsConsole(req.method, req.url, req.headers.accept)) return reply.sendFile('index.html');
      void reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
    });

    store.sessions.purgeExpired();
    const events = new LabEvents();
    const services = createServices(store, events);
    const firstStart = config.seedDemo ? await seedDemoAccounts(store, services.accounts) : null;
    const cookieSecret =
      config.cookieSecret ?? store.settings.getOrCreate('cookie_secret', () => randomBytes(32).toString('base64url'));
    if (config.loadRules) await rules.reload('start');
    if (config.watchRules) await rules.watch();
    const dataDir = config.dataDir ?? (config.dbPath === ':memory:' ? join(tmpdir(), 'soclab-data') : dirname(config.dbPath));
    replay = new ReplayRunner({
      store,
      alerts: services.alerts,
      events,
      rules: () => rules.ruleSet,
      dataDir,
      scale: config.exerciseScale,
      log: app.log,
    });
    const runner = replay;
    if (config.replay) services.exercises.onReplayChange((id) => runner.changed(id));
    app.decorate('soclab', { config, store, services, rules, events, firstStart, replay });

    await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES } });
    await app.register(cookie, { secret: cookieSecret });
    await app.register(csrfProtection, {
      cookieKey: CSRF_COOKIE,
      cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: config.secureCookies },
      getToken: (req) => {
        const value = req.headers[CSRF_HEADER];
        return typeof value === 'string' ? value : undefined;
      },
    });
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, ctx) =>
        new ApiError(429, 'rate_limited', `too many attempts; retry in ${ctx.after}`, { retryAfterMs: ctx.ttl }),
    });
    if (config.docs) {
      await app.register(swagger, {
        openapi: {
          info: { title: 'soclab API', version: SERVER_VERSION, description: 'SOC analyst training lab' },
          components: {
            securitySchemes: {
              session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
              csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
            },
          },
          security: [{ session: [], csrf: [] }],
        },
      });
      await app.register(swaggerUi, { routePrefix: '/docs' });
    }

    // The web console's files (public: the console itself asks for a session through the API).
    if (consoleDir) await app.register(fastifyStatic, { root: consoleDir, prefix: '/', wildcard: false, index: 'index.html' });

    registerAuthHooks(app, { accounts: services.accounts });
    const opts: RouteOptions = { config, services, store };
    await app.register(healthRoutes, opts);
    await app.register(authRoutes, opts);
    await app.register(userRoutes, opts);
    await app.register(cohortRoutes, opts);
    await app.register(exerciseRoutes, opts);
    await app.register(alertRoutes, opts);
    await app.register(reportRoutes, opts);
    await app.register(eventRoutes, { ...opts, events });
    await app.register(ruleRoutes, { ...opts, rules });
    await app.register(pivotRoutes, opts);
    await app.register(scenarioRoutes, opts);
    await app.register(replayRoutes, { ...opts, replay });
    await app.ready();
    if (config.replay) replay.resumeRunning();
  } catch (err) {
    await app.close().catch(() => undefined);
    await replay?.close();
    await rules.close();
    store.close();
    throw err;
  }
  return app as unknown as SoclabApp;
}
