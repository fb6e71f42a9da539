// The rule library (instructors): status with the last reload's diagnostics, and a manual reload.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RuleLibraryStatus } from '../contract/api.js';
import { currentUser } from '../auth/plugin.js';
import type { RuleLibrary } from '../rules/library.js';
import type { RouteOptions } from './auth.js';

const instructor = { roles: ['instructor'] } as const;

export const ruleRoutes: FastifyPluginAsyncTypebox<RouteOptions & { rules: RuleLibrary }> = async (app, { rules, store }) => {
  app.get(
    '/api/rules',
    { config: instructor, schema: { tags: ['rules'], summary: 'The rule set in use and the last reload', response: { 200: RuleLibraryStatus } } },
    async () => rules.status(),
  );

  app.post(
    '/api/rules/reload',
    {
      config: instructor,
      schema: { tags: ['rules'], summary: 'Reload the rules folder; swapped in only without errors', response: { 200: RuleLibraryStatus } },
    },
    async (req) => {
      const status = await rules.reload('manual');
      const user = currentUser(req);
      store.audit.add({
        actorId: user.id,
        action: 'rules.reload',
        targetType: 'rules',
        targetId: null,
        details: { swapped: status.lastReload?.swapped ?? false, errors: status.lastReload?.errors ?? 0 },
      });
      return status;
    },
  );
};
