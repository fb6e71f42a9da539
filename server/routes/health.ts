// GET /api/health: liveness plus the database schema version (public, no session needed).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '../contract/api.js';
import type { RouteOptions } from './auth.js';

export const SERVER_VERSION = '0.1.0';

export const healthRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { store }) => {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['health'], security: [], response: { 200: Health } } },
    async () => {
      store.ping();
      return { status: 'ok' as const, version: SERVER_VERSION, schemaVersion: store.schemaVersion };
    },
  );
};
