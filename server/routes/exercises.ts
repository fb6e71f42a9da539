// Exercises: instructors create them and drive the replay; everyone lists what they may see.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateExerciseBody, Exercise, ExerciseList, ExerciseProgress, IdParams, ReplayActionParams, ReplaySpeedBody } from '../contract/api.js';
import { currentUser } from '../auth/plugin.js';
import type { RouteOptions } from './auth.js';

const instructor = { roles: ['instructor'] } as const;

export const exerciseRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/exercises',
    {
      schema: {
        tags: ['exercises'],
        summary: "Exercises the user may see (a trainee: their cohorts' only)",
        response: { 200: ExerciseList },
      },
    },
    async (req) => services.exercises.list(currentUser(req)),
  );

  app.post(
    '/api/exercises',
    {
      config: instructor,
      schema: { tags: ['exercises'], summary: 'Create an exercise for a cohort', body: CreateExerciseBody, response: { 201: Exercise } },
    },
    async (req, reply) => reply.code(201).send(services.exercises.create(req.body, currentUser(req))),
  );

  app.get(
    '/api/exercises/:id',
    { schema: { tags: ['exercises'], params: IdParams, response: { 200: Exercise } } },
    async (req) => services.exercises.get(req.params.id, currentUser(req)),
  );

  app.get(
    '/api/exercises/:id/progress',
    {
      config: instructor,
      schema: {
        tags: ['exercises'],
        summary: "Each trainee's queue counts and report status",
        params: IdParams,
        response: { 200: ExerciseProgress },
      },
    },
    async (req) => services.exercises.progress(req.params.id, currentUser(req)),
  );

  app.post(
    '/api/exercises/:id/replay/:action',
    {
      config: instructor,
      schema: {
        tags: ['replay'],
        summary: 'start (idle), pause (running), resume (paused), restart (any): 409 invalid_transition otherwise',
        params: ReplayActionParams,
        response: { 200: Exercise },
      },
    },
    async (req) => services.exercises.replay(req.params.id, req.params.action, currentUser(req)),
  );

  app.put(
    '/api/exercises/:id/replay/speed',
    {
      config: instructor,
      schema: { tags: ['replay'], summary: 'Set the replay speed', params: IdParams, body: ReplaySpeedBody, response: { 200: Exercise } },
    },
    async (req) => services.exercises.setSpeed(req.params.id, req.body.speed, currentUser(req)),
  );
};
