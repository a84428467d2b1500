import { AppError } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import { documentsOf, registerDocumentOwner } from '../documents';
import { SIGNATURE, SITE_PHOTO, siteRequirements, WORK_ORDER_OWNER } from './site-requirements';
import type { ChecklistAnswer, WorkOrdersTable } from './workorders.schema';

/** What the engineer sends to close a work order on site (现场作业记录). */
export interface SiteReportInput {
  result: string;
  checklist: ChecklistAnswer[];
  latitude?: number | undefined;
  longitude?: number | undefined;
  /** A transaction made on the unit to prove it works: amount in fen, its reference (RRN or voucher no). */
  testTransaction?: { amountMinor: string; reference: string; approved: boolean } | undefined;
  /** 签收: who signed for the merchant, and the signature image uploaded to this work order. */
  signOff: { signerName: string; signatureDocumentId: string };
}

type Order = {
  id: string;
  org_id: string;
  no: string;
  kind: WorkOrdersTable['kind'];
  status: WorkOrdersTable['status'];
  bound_at: Date | null;
};

/**
 * Photos and the signature are documents of the work order, added and removed while it is open (the
 * engineer retakes a photo); once it is closed they are its record and stay.
 */
registerDocumentOwner(WORK_ORDER_OWNER, {
  kinds: [SITE_PHOTO, SIGNATURE],
  async orgOf(db, ownerId) {
    return (await lockOrder(db, ownerId))?.org_id ?? null;
  },
  async canChange(db, ownerId) {
    return (await lockOrder(db, ownerId))?.status === 'open';
  },
});

function lockOrder(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
  return db
    .selectFrom('work_orders')
    .select(['org_id', 'status'])
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
}

const refuse = (field: string, message: string, key: string, params?: Record<string, string | number>) =>
  new AppError(
    'VALIDATION_FAILED',
    `${field}: ${message}`,
    { [field]: message },
    { [field]: { key, params } },
  );

/**
 * Checks a site report against what its kind requires — every checklist item answered once, must-pass
 * items passed, a note on each failed one, the photos, an approved test transaction where one is due,
 * the signature uploaded to this very work order — refusing the first problem on its field. Reads only.
 */
export async function checkSiteReport(db: Db, order: Order, input: SiteReportInput) {
  const wanted = siteRequirements[order.kind];
  if (order.kind === 'install' && !order.bound_at) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `work order ${order.no}: bind the unit and load its key before the sign-off`,
      undefined,
      { workOrder: { key: 'site.not_bound', params: { workOrder: order.no } } },
    );
  }
  const known = new Set(wanted.checklist.map((c) => c.item));
  const seen = new Set<string>();
  for (const answer of input.checklist) {
    if (!known.has(answer.item)) {
      throw refuse('checklist', `${answer.item} is not on the ${order.kind} checklist`, 'site.unknown_item', {
        item: answer.item,
      });
    }
    if (seen.has(answer.item)) {
      throw refuse('checklist', `${answer.item} is answered twice`, 'site.duplicate_item', {
        item: answer.item,
      });
    }
    seen.add(answer.item);
  }
  const missing = wanted.checklist.filter((c) => !seen.has(c.item)).map((c) => c.item);
  if (missing.length > 0) {
    throw refuse('checklist', `not answered: ${missing.join(', ')}`, 'site.missing_items', {
      items: missing.join(', '),
    });
  }
  for (const answer of input.checklist) {
    const rule = wanted.checklist.find((c) => c.item === answer.item)!;
    const field = `checklist.${answer.item}`;
    if (!answer.passed && rule.mustPass) {
      throw refuse(field, `${answer.item} must pass before the work order closes`, 'site.must_pass', {
        item: answer.item,
      });
    }
    if (!answer.passed && !answer.note?.trim()) {
      throw refuse(field, `say what is wrong with ${answer.item}`, 'site.note_required', {
        item: answer.item,
      });
    }
  }
  const documents = await documentsOf(db, WORK_ORDER_OWNER, order.id);
  const photoCount = documents.filter((d) => d.kind === SITE_PHOTO).length;
  if (photoCount < wanted.minPhotos) {
    throw refuse(
      'photos',
      `at least ${wanted.minPhotos} site photo(s), ${photoCount} uploaded`,
      'site.photos',
      {
        min: wanted.minPhotos,
        count: photoCount,
      },
    );
  }
  if (wanted.testTransaction && !input.testTransaction) {
    throw refuse('testTransaction', 'a test transaction on the unit is required', 'site.test_required');
  }
  if (input.testTransaction && !input.testTransaction.approved && wanted.testTransaction) {
    throw refuse(
      'testTransaction.approved',
      'the test transaction was declined: fix the unit and test again',
      'site.test_declined',
    );
  }
  const signature = documents.find((d) => d.id === input.signOff.signatureDocumentId);
  if (!signature || signature.kind !== SIGNATURE) {
    throw refuse(
      'signOff.signatureDocumentId',
      'no signature of the merchant uploaded to this work order',
      'site.no_signature',
    );
  }
  return {
    photoCount,
    failed: input.checklist.filter((a) => !a.passed),
  };
}

/** Saves the report checked by checkSiteReport, in the transaction that closes the work order. */
export async function saveSiteReport(
  db: Db,
  order: Order,
  input: SiteReportInput,
  checked: Awaited<ReturnType<typeof checkSiteReport>>,
  by: string,
  at: Date,
) {
  const located = input.latitude !== undefined && input.longitude !== undefined;
  const test = input.testTransaction;
  await db
    .insertInto('work_order_reports')
    .values({
      work_order_id: order.id,
      org_id: order.org_id,
      result: input.result,
      checklist: JSON.stringify(
        input.checklist.map((a) => ({ item: a.item, passed: a.passed, ...(a.note ? { note: a.note } : {}) })),
      ),
      failed_items: checked.failed.length,
      photo_count: checked.photoCount,
      latitude: located ? input.latitude : null,
      longitude: located ? input.longitude : null,
      test_amount: test ? BigInt(test.amountMinor) : null,
      test_reference: test?.reference ?? null,
      test_approved: test?.approved ?? null,
      signer_name: input.signOff.signerName,
      signature_document_id: input.signOff.signatureDocumentId,
      reported_by: by,
      reported_at: at,
    })
    .execute();
}

/** The site report of a work order, for its page and the terminal's maintenance archive. */
export async function siteReportOf(db: Db, workOrderId: string) {
  const row = await db
    .selectFrom('work_order_reports as r')
    .innerJoin('users as u', 'u.id', 'r.reported_by')
    .selectAll('r')
    .select('u.display_name as reported_by_name')
    .where('r.work_order_id', '=', workOrderId)
    .executeTakeFirst();
  return row ? { ...siteReportView(row), reportedBy: row.reported_by_name } : null;
}

export function siteReportView(row: {
  result: string;
  checklist: ChecklistAnswer[];
  photo_count: number;
  latitude: string | null;
  longitude: string | null;
  test_amount: bigint | null;
  test_reference: string | null;
  test_approved: boolean | null;
  signer_name: string;
  signature_document_id: string;
  reported_at: Date;
}) {
  return {
    result: row.result,
    checklist: row.checklist,
    photoCount: row.photo_count,
    location:
      row.latitude !== null && row.longitude !== null
        ? { latitude: Number(row.latitude), longitude: Number(row.longitude) }
        : null,
    testTransaction:
      row.test_amount !== null
        ? { amountMinor: String(row.test_amount), reference: row.test_reference, approved: row.test_approved }
        : null,
    signOff: { signerName: row.signer_name, signatureDocumentId: row.signature_document_id },
    reportedAt: row.reported_at.toISOString(),
  };
}

/** Installation, step one: the unit is bound and keyed; the work order stays open for the sign-off. */
export function bindWorkOrder(db: Db, id: string, serialNo: string, terminalId: string, at: Date) {
  return db
    .updateTable('work_orders')
    .set({ serial_no: serialNo, terminal_id: terminalId, bound_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('bound_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
}
