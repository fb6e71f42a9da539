// A trainee's alert queue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Alert, AlertDetail, AlertPage, AlertQuery, AuditList, CloseBody, EscalateBody, IdParams, NoteBody } from '../contract/api.js';
import { currentUser } from '../auth/plugin.js';
import type { RouteOptions } from './auth.js';

const trainee = { roles: ['trainee'] } as const;

export const alertRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/exercises/:id/alerts',
    {
      config: { roles: ['trainee', 'instructor'] },
      schema: {
        tags: ['alerts'],
        summary: 'A trainee’s queue, oldest event first, filtered (instructors add ?trainee=<user id>)',
        params: IdParams,
        querystring: AlertQuery,
        response: { 200: AlertPage },
      },
    },
    async (req) => services.alerts.queue(req.params.id, currentUser(req), req.query),
  );

  app.get(
    '/api/alerts/:id',
    { config: trainee, schema: { tags: ['alerts'], params: IdParams, response: { 200: AlertDetail } } },
    async (req) => services.alerts.detail(req.params.id, currentUser(req)),
  );

  app.post(
    '/api/alerts/:id/take',
    { config: trainee, schema: { tags: ['alerts'], summary: 'new -> in_progress', params: IdParams, response: { 200: Alert } } },
    async (req) => services.alerts.move(req.params.id, currentUser(req), { kind: 'take' }),
  );

  app.post(
    '/api/alerts/:id/release',
    { config: trainee, schema: { tags: ['alerts'], summary: 'in_progress -> new', params: IdParams, response: { 200: Alert } } },
    async (req) => services.alerts.move(req.params.id, currentUser(req), { kind: 'release' }),
  );

  app.post(
    '/api/alerts/:id/escalate',
    {
      config: trainee,
      schema: { tags: ['alerts'], summary: 'in_progress -> escalated', params: IdParams, body: EscalateBody, response: { 200: Alert } },
    },
    async (req) => services.alerts.move(req.params.id, currentUser(req), { kind: 'escalate', reason: req.body.reason }),
  );

  app.post(
    '/api/alerts/:id/close',
    {
      config: trainee,
      schema: {
        tags: ['alerts'],
        summary: 'in_progress -> closed, with a verdict and a reason',
        params: IdParams,
        body: CloseBody,
        response: { 200: Alert },
      },
    },
    async (req) =>
      services.alerts.move(req.params.id, currentUser(req), { kind: 'close', verdict: req.body.verdict, reason: req.body.reason }),
  );

  app.post(
    '/api/alerts/:id/notes',
    { config: trainee, schema: { tags: ['alerts'], params: IdParams, body: NoteBody, response: { 201: AlertDetail } } },
    async (req, reply) => reply.code(201).send(services.alerts.addNote(req.params.id, currentUser(req), req.body.body)),
  );

  app.get(
    '/api/alerts/:id/audit',
    { config: trainee, schema: { tags: ['alerts'], summary: 'Your actions on this alert', params: IdParams, response: { 200: AuditList } } },
    async (req) => services.alerts.audit(req.params.id, currentUser(req)),
  );
};
