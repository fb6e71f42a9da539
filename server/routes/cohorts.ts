// Cohorts (instructors): list, create, add trainees.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddMemberBody, Cohort, CohortList, CreateCohortBody, IdParams } from '../contract/api.js';
import { currentUser } from '../auth/plugin.js';
import type { RouteOptions } from './auth.js';

const staff = { roles: ['instructor'] } as const;

export const cohortRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/cohorts',
    { config: staff, schema: { tags: ['cohorts'], summary: 'Every cohort with its trainees', response: { 200: CohortList } } },
    async () => services.cohorts.list(),
  );

  app.post(
    '/api/cohorts',
    { config: staff, schema: { tags: ['cohorts'], summary: 'Create a cohort', body: CreateCohortBody, response: { 201: Cohort } } },
    async (req, reply) => reply.code(201).send(services.cohorts.create(req.body.name, currentUser(req))),
  );

  app.get(
    '/api/cohorts/:id',
    { config: staff, schema: { tags: ['cohorts'], params: IdParams, response: { 200: Cohort } } },
    async (req) => services.cohorts.get(req.params.id),
  );

  app.post(
    '/api/cohorts/:id/trainees',
    {
      config: staff,
      schema: { tags: ['cohorts'], summary: 'Add a trainee (idempotent)', params: IdParams, body: AddMemberBody, response: { 200: Cohort } },
    },
    async (req) => services.cohorts.addTrainee(req.params.id, req.body.username, currentUser(req)),
  );
};
