import {
  idSchema,
  merchantChangeKind,
  merchantChangeRequest,
  merchantChangeRequestInput,
  merchantChangeStatus,
  pageQuery,
} from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import {
  cancelChange,
  changesOf,
  getChange,
  listChanges,
  requestChange,
  resubmitChange,
} from './change.service';

const params = z.object({ id: idSchema });
const tags = ['merchant changes'];

/** 商户变更申请: settlement account, address, rate plan and limits, through approval, on a date. */
export function changeRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.post(
      '/api/merchants/:id/changes',
      {
        config: { access: 'merchantChange.request' },
        schema: {
          tags,
          summary: 'Request a change of settlement account, address, rate plan or limits (goes to approval)',
          params,
          body: merchantChangeRequestInput,
          response: { 200: merchantChangeRequest },
        },
      },
      async (request) => requestChange(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/api/merchants/:id/changes',
      {
        config: { access: 'merchant.read' },
        schema: {
          tags,
          summary: 'Change requests of a merchant, newest first',
          params,
          response: { 200: z.object({ items: z.array(merchantChangeRequest) }) },
        },
      },
      async (request) => ({ items: await changesOf(ctx(request), request.params.id) }),
    );
    app.get(
      '/api/merchant-changes',
      {
        config: { access: 'merchant.read' },
        schema: {
          tags,
          summary: 'Change requests of my subtree, newest first',
          querystring: pageQuery.extend({
            status: merchantChangeStatus.optional(),
            kind: merchantChangeKind.optional(),
          }),
        },
      },
      async (request) => listChanges(ctx(request), request.query),
    );
    app.get(
      '/api/merchant-changes/:id',
      {
        config: { access: 'merchant.read' },
        schema: { tags, summary: 'A change request', params, response: { 200: merchantChangeRequest } },
      },
      async (request) => getChange(ctx(request), request.params.id),
    );
    app.post(
      '/api/merchant-changes/:id/resubmit',
      {
        config: { access: 'merchantChange.request' },
        schema: {
          tags,
          summary: 'Resubmit a change returned for correction, corrected',
          params,
          body: merchantChangeRequestInput,
          response: { 200: merchantChangeRequest },
        },
      },
      async (request) => resubmitChange(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/api/merchant-changes/:id/cancel',
      {
        config: { access: 'merchantChange.request' },
        schema: {
          tags,
          summary: 'Withdraw a change before it takes effect, with the reason',
          params,
          body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
          response: { 200: merchantChangeRequest },
        },
      },
      async (request) => cancelChange(ctx(request), request.params.id, request.body.reason),
    );
  };
}
