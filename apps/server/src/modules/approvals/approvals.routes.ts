import {
  approvalChain,
  approvalListQuery,
  approvalRequest,
  decideBody,
  idSchema,
  pageOf,
  updateChainBody,
} from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import { listChains, updateChain } from './approval-chains.service';
import { decideApproval, getApproval, listApprovals, makerAction } from './approvals.service';

const params = z.object({ id: idSchema });

export function approvalRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    app.get(
      '/api/approvals',
      {
        config: { access: 'approval.read' },
        schema: {
          tags: ['approvals'],
          summary: 'Approval requests: my inbox, mine, or all I can see',
          querystring: approvalListQuery,
          response: { 200: pageOf(approvalRequest) },
        },
      },
      async (request) => listApprovals(contextOf(request, deps), request.query),
    );
    app.get(
      '/api/approvals/:id',
      {
        config: { access: 'approval.read' },
        schema: {
          tags: ['approvals'],
          summary: 'One approval request with its history',
          params,
          response: { 200: approvalRequest },
        },
      },
      async (request) => getApproval(contextOf(request, deps), request.params.id),
    );
    for (const action of ['approve', 'reject', 'return'] as const) {
      app.post(
        `/api/approvals/:id/${action}`,
        {
          config: { access: 'approval.decide' },
          schema: {
            tags: ['approvals'],
            summary: `${action} the current step`,
            params,
            body: decideBody,
            response: { 200: approvalRequest },
          },
        },
        async (request) =>
          decideApproval(contextOf(request, deps), request.params.id, action, request.body.comment),
      );
    }
    for (const action of ['resubmit', 'cancel'] as const) {
      app.post(
        `/api/approvals/:id/${action}`,
        {
          config: { access: 'approval.read' },
          schema: {
            tags: ['approvals'],
            summary: `The maker ${action}s a request`,
            params,
            body: decideBody,
            response: { 200: approvalRequest },
          },
        },
        async (request) =>
          makerAction(contextOf(request, deps), request.params.id, action, request.body.comment),
      );
    }
    app.get(
      '/api/approval-chains',
      {
        config: { access: 'approval.read' },
        schema: {
          tags: ['approvals'],
          summary: 'Approval chains per request type',
          response: { 200: z.array(approvalChain) },
        },
      },
      async (request) => listChains(contextOf(request, deps)),
    );
    app.put(
      '/api/approval-chains/:type',
      {
        config: { access: 'approval.configure' },
        schema: {
          tags: ['approvals'],
          summary: 'Reconfigure the steps of a chain (head office only)',
          params: z.object({ type: z.string().regex(/^[a-z][a-z0-9_.-]{1,63}$/) }),
          body: updateChainBody,
          response: { 200: approvalChain },
        },
      },
      async (request) => updateChain(contextOf(request, deps), request.params.type, request.body.steps),
    );
  };
}
