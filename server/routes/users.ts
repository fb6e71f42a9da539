// Accounts over the API: instructors list and create users (the generated password is in the
// creation answer only); everyone changes their own password.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChangePasswordBody, CreatedUser, CreateUserBody, Ok, UserList } from '../contract/api.js';
import { currentUser, SESSION_COOKIE } from '../auth/plugin.js';
import { notFound } from '../errors.js';
import type { UserRow } from '../store/index.js';
import type { RouteOptions } from './auth.js';

const instructor = { roles: ['instructor'] } as const;
const summary = (u: UserRow) => ({ id: u.id, username: u.username, role: u.role, createdAt: u.createdAt });

export const userRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, store }) => {
  app.get(
    '/api/users',
    { config: instructor, schema: { tags: ['users'], summary: 'Every account', response: { 200: UserList } } },
    async () => store.users.list().map(summary),
  );

  app.post(
    '/api/users',
    {
      config: instructor,
      schema: {
        tags: ['users'],
        summary: 'Create an account with a generated password (shown in this answer only)',
        body: CreateUserBody,
        response: { 201: CreatedUser },
      },
    },
    async (req, reply) => {
      const { username, role, cohortId } = req.body;
      let cohort: string | undefined;
      if (cohortId !== undefined) {
        const c = store.cohorts.byId(cohortId);
        if (!c) throw notFound(`cohort ${cohortId}`);
        cohort = c.name;
      }
      const created = await services.accounts.create({ username, role, cohort }, currentUser(req).id);
      return reply.code(201).send({ user: summary(created.user), password: created.password });
    },
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end',
        body: ChangePasswordBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await services.accounts.changePassword(
        currentUser(req),
        req.body.currentPassword,
        req.body.newPassword,
        req.cookies[SESSION_COOKIE] ?? '',
      );
      return { ok: true };
    },
  );
};
