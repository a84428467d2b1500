import type { ApplicationDraft } from '@posops/contracts';
import type { Db } from '../../platform/db/database';
import { documentsOf, registerDocumentOwner } from '../documents';
import { editableStatuses } from './application.lifecycle';
import { type CheckFinding, failed, passed } from './application-checks';
import { lockApplicationStatus } from './applications.repo';

export const APPLICATION_OWNER = 'merchant_application';

/** Documents an application takes (进件资料), by kind. */
export const applicationDocumentKinds = [
  'id_front',
  'id_back',
  'licence',
  'storefront',
  'lease',
  'account_proof',
] as const;

/** Required at submission; the lease only when the premises are rented, which the reviewer judges. */
export const requiredDocumentKinds = [
  'id_front',
  'id_back',
  'licence',
  'storefront',
  'account_proof',
] as const;

const kindNames: Record<(typeof applicationDocumentKinds)[number], string> = {
  id_front: 'ID card (front)',
  id_back: 'ID card (back)',
  licence: 'business licence',
  storefront: 'storefront photo',
  lease: 'lease',
  account_proof: 'settlement account proof',
};

/** Documents may be added or removed only while the applicant can edit the application. */
registerDocumentOwner(APPLICATION_OWNER, {
  kinds: applicationDocumentKinds,
  async orgOf(db, ownerId) {
    return (await lockApplicationStatus(db, ownerId))?.org_id ?? null;
  },
  async canChange(db, ownerId) {
    const row = await lockApplicationStatus(db, ownerId);
    return row !== undefined && (editableStatuses as readonly string[]).includes(row.status);
  },
});

/** Each required document not uploaded is a blocking finding, named in the business's words. */
export async function missingDocumentFindings(
  db: Db,
  applicationId: string,
  _form: ApplicationDraft,
): Promise<CheckFinding[]> {
  const present = new Set((await documentsOf(db, APPLICATION_OWNER, applicationId)).map((d) => d.kind));
  return requiredDocumentKinds.map((kind) =>
    present.has(kind)
      ? passed('documents', `documents.${kind}`, `${kindNames[kind]} uploaded`, 'check.document.uploaded', {
          kind,
        })
      : failed('documents', `documents.${kind}`, `${kindNames[kind]} missing`, 'check.document.missing', {
          kind,
        }),
  );
}
