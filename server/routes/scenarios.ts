// The scenarios an exercise can replay (instructors: the summaries give the story away).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ScenarioList } from '../contract/api.js';
import { SCENARIOS } from '../../datasets/scenarios/index.js';
import type { RouteOptions } from './auth.js';

export const scenarioRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app) => {
  const list = SCENARIOS.map((s) => ({ id: s.id, version: s.version, title: s.title, summary: s.summary, difficulty: s.difficulty, techniques: [...s.techniques] }));
  app.get(
    '/api/scenarios',
    { config: { roles: ['instructor'] }, schema: { tags: ['exercises'], summary: 'Scenarios an exercise can replay', response: { 200: ScenarioList } } },
    async () => list,
  );
};
