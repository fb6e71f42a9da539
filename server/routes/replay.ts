// The replay runner's view of an exercise's stream, for the instructor's console ("preparing
// events…", "cannot run: unknown scenario").
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, ReplayStreamStatus } from '../contract/api.js';
import { currentUser } from '../auth/plugin.js';
import type { ReplayRunner } from '../replay/runner.js';
import type { RouteOptions } from './auth.js';

export const replayRoutes: FastifyPluginAsyncTypebox<RouteOptions & { replay: ReplayRunner }> = async (app, { services, replay }) => {
  app.get(
    '/api/exercises/:id/replay/stream',
    {
      config: { roles: ['instructor'] },
      schema: { tags: ['exercises'], summary: 'Whether the exercise’s events are prepared, being prepared, or cannot be', params: IdParams, response: { 200: ReplayStreamStatus } },
    },
    async (req) => {
      const e = services.exercises.get(req.params.id, currentUser(req));
      return { exerciseId: e.id, ...replay.status(e.id) };
    },
  );
};
