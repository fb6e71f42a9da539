// Pivots: from an alert (or a replayed event) to its event, the events around it and its process
// tree. Trainees and instructors; a trainee only within their cohorts' exercises, and only events
// already replayed. Never the answer key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, LogEvent, LogEventParams, PivotPage, PivotQuery, ProcessTree } from '../contract/api.js';
import { currentUser } from '../auth/plugin.js';
import type { RouteOptions } from './auth.js';

const viewers = { roles: ['trainee', 'instructor'] } as const;
const tags = ['pivot'];

export const pivotRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const pivot = services.pivot;

  app.get(
    '/api/alerts/:id/event',
    { config: viewers, schema: { tags, summary: 'The event the alert fired on', params: IdParams, response: { 200: LogEvent } } },
    async (req) => pivot.alertEventView(req.params.id, currentUser(req)),
  );
  app.get(
    '/api/alerts/:id/context',
    {
      config: viewers,
      schema: {
        tags,
        summary: 'Events around the alert’s event: same host (default) or user, a time window, text and field filters',
        params: IdParams,
        querystring: PivotQuery,
        response: { 200: PivotPage },
      },
    },
    async (req) => pivot.alertContext(req.params.id, currentUser(req), req.query),
  );
  app.get(
    '/api/alerts/:id/process-tree',
    { config: viewers, schema: { tags, summary: 'Process tree around the alert’s process', params: IdParams, response: { 200: ProcessTree } } },
    async (req) => pivot.alertProcessTree(req.params.id, currentUser(req)),
  );

  app.get(
    '/api/exercises/:id/log/:index',
    { config: viewers, schema: { tags, summary: 'A replayed event of the exercise', params: LogEventParams, response: { 200: LogEvent } } },
    async (req) => pivot.eventView(req.params.id, req.params.index, currentUser(req)),
  );
  app.get(
    '/api/exercises/:id/log/:index/context',
    {
      config: viewers,
      schema: { tags, summary: 'Events around a replayed event', params: LogEventParams, querystring: PivotQuery, response: { 200: PivotPage } },
    },
    async (req) => pivot.eventContext(req.params.id, req.params.index, currentUser(req), req.query),
  );
  app.get(
    '/api/exercises/:id/log/:index/process-tree',
    { config: viewers, schema: { tags, summary: 'Process tree around a replayed event', params: LogEventParams, response: { 200: ProcessTree } } },
    async (req) => pivot.eventProcessTree(req.params.id, req.params.index, currentUser(req)),
  );
};
