import {
  applicationDetail,
  applicationListItem,
  applicationListQuery,
  commentBody,
  createApplicationBody,
  idSchema,
  overrideAssessmentBody,
  pageOf,
  reviewItemBody,
  updateApplicationBody,
} from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { agentOrgs, staffWithRoles } from '../identity';
import { overrideAssessment, requestApproval } from './application-approval.service';
import {
  completeReview,
  createApplication,
  decideCheckItem,
  getApplication,
  listApplications,
  returnApplication,
  startReview,
  submitApplication,
  updateApplication,
  withdrawApplication,
} from './applications.service';

const params = z.object({ id: idSchema });
const tags = ['merchant applications'];

export function applicationRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.get(
      '/api/merchant-applications',
      {
        config: { access: 'merchantApplication.read' },
        schema: {
          tags,
          summary: 'Applications of my subtree, newest first',
          querystring: applicationListQuery,
          response: { 200: pageOf(applicationListItem) },
        },
      },
      async (request) => listApplications(ctx(request), request.query),
    );
    app.get(
      '/api/merchant-applications/attribution-options',
      {
        config: { access: 'merchantApplication.read' },
        schema: {
          tags: ['merchant applications'],
          summary: '业务归属: the sales reps and agents of my subtree an application may name',
          response: {
            200: z.object({
              salesReps: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string() })),
              agents: z.array(z.object({ id: z.string(), name: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        // 业务归属 is the branch's business: an outlet names its branch's sales staff and agents, so the
        // search runs from the caller's branch (the whole bank for head office), names and ids only.
        const c = contextOf(request, deps);
        const segments = c.actor.orgPath.split('/').filter(Boolean);
        const branchPath = `/${segments.slice(0, 2).join('/')}/`;
        const [reps, agents] = await Promise.all([
          staffWithRoles(c.system, branchPath, ['sales_rep', 'sales_manager']),
          agentOrgs(c.system, branchPath),
        ]);
        return {
          salesReps: reps.map((r) => ({ id: r.id, name: r.display_name, orgName: r.org_name })),
          agents,
        };
      },
    );
    app.get(
      '/api/merchant-applications/:id',
      {
        config: { access: 'merchantApplication.read' },
        schema: {
          tags,
          summary: 'One application with its checklist, history and allowed next events',
          params,
          response: { 200: applicationDetail },
        },
      },
      async (request) => getApplication(ctx(request), request.params.id),
    );
    app.post(
      '/api/merchant-applications',
      {
        config: { access: 'merchantApplication.create' },
        schema: {
          tags,
          summary: 'Start an application (a draft that can be saved and resumed)',
          body: createApplicationBody,
          response: { 201: applicationDetail },
        },
      },
      async (request, reply) => reply.status(201).send(await createApplication(ctx(request), request.body)),
    );
    app.put(
      '/api/merchant-applications/:id/form',
      {
        config: { access: 'merchantApplication.create' },
        schema: {
          tags,
          summary: 'Save the form of a draft or returned application',
          params,
          body: updateApplicationBody,
          response: { 200: applicationDetail },
        },
      },
      async (request) => updateApplication(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/merchant-applications/:id/submit',
      {
        config: { access: 'merchantApplication.create' },
        schema: {
          tags,
          summary: 'Submit (or resubmit after a return): runs every check',
          params,
          response: { 200: applicationDetail },
        },
      },
      async (request) => submitApplication(ctx(request), request.params.id),
    );
    app.post(
      '/api/merchant-applications/:id/withdraw',
      {
        config: { access: 'merchantApplication.create' },
        schema: {
          tags,
          summary: 'Withdraw a draft or returned application',
          params,
          body: commentBody,
          response: { 200: applicationDetail },
        },
      },
      async (request) => withdrawApplication(ctx(request), request.params.id, request.body.comment),
    );
    app.post(
      '/api/merchant-applications/:id/start-review',
      {
        config: { access: 'merchantApplication.review' },
        schema: {
          tags,
          summary: 'Take a submitted application into review',
          params,
          response: { 200: applicationDetail },
        },
      },
      async (request) => startReview(ctx(request), request.params.id),
    );
    app.put(
      '/api/merchant-applications/:id/checklist/:item',
      {
        config: { access: 'merchantApplication.review' },
        schema: {
          tags,
          summary: 'Record the decision on a checklist item (passed, failed, or a failed check overridden)',
          params: z.object({ id: idSchema, item: z.string().regex(/^[a-z_]{2,40}$/) }),
          querystring: z.object({ field: z.string().max(80).optional() }),
          body: reviewItemBody,
          response: { 200: applicationDetail },
        },
      },
      async (request) =>
        decideCheckItem(
          ctx(request),
          request.params.id,
          request.params.item,
          request.query.field ?? null,
          request.body,
        ),
    );
    app.post(
      '/api/merchant-applications/:id/return',
      {
        config: { access: 'merchantApplication.review' },
        schema: {
          tags,
          summary: 'Return to the applicant for correction, with comments',
          params,
          body: commentBody,
          response: { 200: applicationDetail },
        },
      },
      async (request) => returnApplication(ctx(request), request.params.id, request.body.comment),
    );
    app.post(
      '/api/merchant-applications/:id/complete-review',
      {
        config: { access: 'merchantApplication.review' },
        schema: {
          tags,
          summary: 'Complete the document review',
          params,
          response: { 200: applicationDetail },
        },
      },
      async (request) => completeReview(ctx(request), request.params.id),
    );
    app.put(
      '/api/merchant-applications/:id/assessment',
      {
        config: { access: 'merchantApplication.review' },
        schema: {
          tags,
          summary: 'Override the proposed risk grade and limits, with the reason',
          params,
          body: overrideAssessmentBody,
          response: { 200: applicationDetail },
        },
      },
      async (request) => overrideAssessment(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/merchant-applications/:id/request-approval',
      {
        config: { access: 'merchantApplication.review' },
        schema: {
          tags,
          summary: 'Send a reviewed application to its approval chain',
          params,
          response: { 200: applicationDetail },
        },
      },
      async (request) => requestApproval(ctx(request), request.params.id),
    );
  };
}
