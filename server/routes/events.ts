// GET /api/exercises/:id/events: the exercise's live events as Server-Sent Events, for anyone who
// may see the exercise. Sends the current replay state first, then every replay change and every
// batch of new alerts; a comment line every 20 s keeps proxies from closing the stream.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { IdParams, type LiveEvent } from '../contract/api.js';
import { currentUser } from '../auth/plugin.js';
import type { LabEvents } from '../events.js';
import type { RouteOptions } from './auth.js';

const HEARTBEAT_MS = 20_000;

export function sseFrame(event: LiveEvent): string {
  // JSON never contains a raw newline, so one data line per event is enough.
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export const eventRoutes: FastifyPluginAsyncTypebox<RouteOptions & { events: LabEvents }> = async (app, { services, events }) => {
  const open = new Set<ServerResponse>();
  // Streams never go idle, so end them before the server waits for connections to close.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
  });

  app.get(
    '/api/exercises/:id/events',
    {
      schema: {
        tags: ['live'],
        summary: 'Live replay state and new-alert events (text/event-stream)',
        params: IdParams,
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const exercise = services.exercises.get(req.params.id, currentUser(req));
      const headers = reply.getHeaders();
      reply.hijack();
      const res = reply.raw;
      // Keep the security headers (CSP etc.) that hooks already set on the reply.
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      open.add(res);
      res.write('retry: 3000\n\n');
      res.write(sseFrame({ type: 'replay', exercise }));
      const unsubscribe = events.subscribe(exercise.id, (event) => res.write(sseFrame(event)));
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      });
    },
  );
};
