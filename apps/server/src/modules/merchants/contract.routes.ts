import { createContractBody, idSchema, merchantContract, signContractBody } from '@posops/contracts';
import { z } from 'zod';
import { contextOf, type ZodApp } from '../../platform/http/app';
import type { ModuleDeps } from '../../platform/module';
import type { DocumentStorage } from '../documents';
import { contractPdf, generateContract, getContract, signContract } from './contract.service';

const params = z.object({ id: idSchema });
const tags = ['merchant contracts'];

export interface ContractRouteDeps extends ModuleDeps {
  /** Where the generated PDFs are stored: the documents module's storage. */
  storage: DocumentStorage;
}

/** 签约: the contract of an application, under /api/merchant-applications/:id/contract. */
export function contractRoutes(deps: ContractRouteDeps) {
  return async (app: ZodApp) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.post(
      '/api/merchant-applications/:id/contract',
      {
        config: { access: 'contract.manage' },
        schema: {
          tags,
          summary: 'Generate the contract of an approved application (again, to revise it before signing)',
          description:
            'Checks the rate plan is active and fits the MCC pricing class, saves plan, terms and effective date, ' +
            'renders the PDF (特约商户受理协议) and stores it as a document of the contract. ' +
            '409 ILLEGAL_TRANSITION unless the application is approved and the contract unsigned.',
          params,
          body: createContractBody,
          response: { 200: merchantContract },
        },
      },
      async (request) => generateContract(ctx(request), deps, request.params.id, request.body),
    );
    app.get(
      '/api/merchant-applications/:id/contract',
      {
        config: { access: 'contract.read' },
        schema: {
          tags,
          summary: 'The contract of an application (metadata)',
          params,
          response: { 200: merchantContract },
        },
      },
      async (request) => getContract(ctx(request), request.params.id),
    );
    app.get(
      '/api/merchant-applications/:id/contract.pdf',
      {
        config: { access: 'contract.read' },
        schema: {
          tags,
          summary: 'The contract PDF, inline, checked against its SHA-256 first',
          params,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const { fileName, bytes } = await contractPdf(ctx(request), deps, request.params.id, request.log);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-length', bytes.length)
          .header('content-disposition', `inline; filename="${fileName}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
    app.post(
      '/api/merchant-applications/:id/contract/sign',
      {
        config: { access: 'contract.manage' },
        schema: {
          tags,
          summary: 'Record the signature (signer, time): the application becomes contracted',
          description: '409 ILLEGAL_TRANSITION when there is no generated contract or it is signed already.',
          params,
          body: signContractBody,
          response: { 200: merchantContract },
        },
      },
      async (request) => signContract(ctx(request), request.params.id, request.body),
    );
  };
}
