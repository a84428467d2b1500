import type { ApplicationDraft } from '@posops/contracts';
import type { Db } from '../../platform/db/database';
import type { CheckFinding } from './application-checks';

/** Documents an application needs (进件资料), by kind. The lease is needed only for rented premises. */
export const applicationDocumentKinds = [
  'id_front',
  'id_back',
  'licence',
  'storefront',
  'lease',
  'account_proof',
] as const;
export const requiredDocumentKinds = [
  'id_front',
  'id_back',
  'licence',
  'storefront',
  'account_proof',
] as const;

/** Missing documents, each a blocking finding. Filled in once the documents module is wired in. */
export async function missingDocumentFindings(
  _db: Db,
  _applicationId: string,
  _form: ApplicationDraft,
): Promise<CheckFinding[]> {
  return [];
}
