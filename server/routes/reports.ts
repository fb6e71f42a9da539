// Incident reports: the trainee's own (draft, autosave, submit) and the staff's view.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Report, ReportListQuery, ReportSummaryList, SaveReportBody } from '../contract/api.js';
import { GRADING_ROLES } from '../contract/vocab.js';
import { currentUser } from '../auth/plugin.js';
import type { RouteOptions } from './auth.js';

const trainee = { roles: ['trainee'] } as const;
const graders = { roles: GRADING_ROLES };

export const SubmitReportBody = Type.Object({ baseVersion: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const reportRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.get(
    '/api/exercises/:id/report',
    { config: trainee, schema: { tags: ['reports'], summary: 'Your report (404 before the first save)', params: IdParams, response: { 200: Report } } },
    async (req) => services.reports.own(req.params.id, currentUser(req)),
  );

  app.put(
    '/api/exercises/:id/report',
    {
      config: trainee,
      schema: {
        tags: ['reports'],
        summary: 'Save your draft (autosave); baseVersion must match the stored version',
        params: IdParams,
        body: SaveReportBody,
        response: { 200: Report },
      },
    },
    async (req) => services.reports.saveDraft(req.params.id, currentUser(req), req.body.body, req.body.baseVersion),
  );

  app.post(
    '/api/exercises/:id/report/submit',
    {
      config: trainee,
      schema: { tags: ['reports'], summary: 'Submit; the report becomes read-only', params: IdParams, body: SubmitReportBody, response: { 200: Report } },
    },
    async (req) => services.reports.submit(req.params.id, currentUser(req), req.body.baseVersion),
  );

  app.get(
    '/api/reports',
    {
      config: graders,
      schema: {
        tags: ['reports'],
        summary: 'Reports to grade (graders: submitted only; instructors: drafts too)',
        querystring: ReportListQuery,
        response: { 200: ReportSummaryList },
      },
    },
    async (req) => services.reports.list(currentUser(req), req.query),
  );

  app.get(
    '/api/reports/:id',
    { config: graders, schema: { tags: ['reports'], params: IdParams, response: { 200: Report } } },
    async (req) => services.reports.get(req.params.id, currentUser(req)),
  );
};
