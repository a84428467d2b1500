import {
  type ApplicationDraft,
  type ContractRates,
  type ContractStatus,
  type ContractTerms,
  contractTerms,
  divisionPath,
  type MerchantContract,
  mccByCode,
} from '@posops/contracts';
import { AppError, addDays, businessDate, maskIdNumber, maskPhone } from '@posops/kernel';
import type { Db } from '../../platform/db/database';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import {
  type DocumentStorage,
  type ErrorLog,
  readDocumentContent,
  registerDocumentOwner,
  uploadDocument,
} from '../documents';
import { planFits, ratePlanById, ratesSnapshotOf } from '../pricing';
import { loadOrThrow, transition } from './applications.service';
import { cjkFonts } from './contract.fonts';
import { contractLifecycle } from './contract.lifecycle';
import { type ContractPdfInput, renderContractPdf } from './contract.pdf';
import {
  acquirerOf,
  type ContractRow,
  findContractOfApplication,
  insertContractDraft,
  lockContractOfApplication,
  lockContractStatus,
  markContractGenerated,
  markContractSigned,
  nextContractNo,
  reviseContract,
} from './contract.repo';

/** The generated PDF is a document of this owner (the contract), of kind contract_pdf. */
export const CONTRACT_OWNER = 'merchant_contract';
export const CONTRACT_PDF = 'contract_pdf';

/**
 * The PDF is stored while the contract is a draft (by the generation itself); from then on it is fixed:
 * neither replaced nor removed through the documents API. A revision makes a new PDF, the old one kept.
 */
registerDocumentOwner(CONTRACT_OWNER, {
  kinds: [CONTRACT_PDF],
  async orgOf(db, ownerId) {
    return (await lockContractStatus(db, ownerId))?.org_id ?? null;
  },
  async canChange(db, ownerId) {
    return (await lockContractStatus(db, ownerId))?.status === 'draft';
  },
});

/** How far ahead a contract may take effect. */
const EFFECTIVE_DAYS_AHEAD_MAX = 180;

const idTypeNames: Record<string, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
};

const masked = (value: string) => (value.includes('*') ? value : maskIdNumber(value));

function toContract(row: ContractRow): MerchantContract {
  return {
    id: row.id,
    applicationId: row.application_id,
    orgId: row.org_id,
    contractNo: row.contract_no,
    status: row.status,
    rates: row.rates as ContractRates,
    terms: row.terms as ContractTerms,
    effectiveDate: row.effective_date,
    documentId: row.document_id,
    generatedAt: row.generated_at ? row.generated_at.toISOString() : null,
    signerName: row.signer_name,
    signedAt: row.signed_at ? row.signed_at.toISOString() : null,
    recordedByName: row.recorded_by ? (row.recorded_by_name ?? '—') : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    allowedEvents: contractLifecycle.allowedEvents(row.status as ContractStatus),
  };
}

/** The merchant's part of the contract, from the approved application's form (numbers already masked). */
function merchantParty(form: ApplicationDraft, mcc: NonNullable<ReturnType<typeof mccByCode>>) {
  const b = form.business;
  const l = form.legalRep;
  const s = form.settlement;
  const missing = [
    !b?.name || !b.address?.divisionCode || !b.address.detail ? 'business' : null,
    !l?.name || !l.idType || !l.idNumber ? 'legalRep' : null,
    !form.licence?.creditCode ? 'licence' : null,
    !s?.accountType || !s.bankName || !s.branchName || !s.holderName || !s.accountNo ? 'settlement' : null,
  ].filter((x) => x !== null);
  if (missing.length > 0) {
    throw new AppError('CONFLICT', `the application lacks what the contract prints: ${missing.join(', ')}`);
  }
  const division = divisionPath(b!.address!.divisionCode!);
  const place = (division?.names ?? []).filter((n) => n !== '市辖区' && n !== '县').join('');
  return {
    merchant: {
      registeredName: form.licence?.registeredName ?? b!.name!,
      shortName: b!.shortName ?? null,
      creditCode: form.licence!.creditCode!,
      legalRep: {
        name: l!.name!,
        idTypeName: idTypeNames[l!.idType!] ?? l!.idType!,
        idNumberMasked: masked(l!.idNumber!),
      },
      address: `${place}${b!.address!.detail!}`,
      mcc: { code: mcc.code, name: mcc.zh, category: mcc.category },
      contact: form.contacts?.name
        ? { name: form.contacts.name, mobileMasked: maskPhone(form.contacts.mobile ?? '') ?? '' }
        : null,
    },
    settlement: {
      accountType: s!.accountType!,
      bankName: s!.bankName!,
      branchName: s!.branchName!,
      holderName: s!.holderName!,
      accountNoMasked: masked(s!.accountNo!),
    },
  };
}

export interface ContractDeps {
  storage: DocumentStorage;
}

/**
 * 生成协议: on an approved application, with an active rate plan that fits the merchant's MCC class.
 * Saves the draft (plan, terms, effective date), renders the PDF, stores it as a document of the
 * contract, then marks the contract generated. Each step commits on its own: a failure after the draft
 * leaves a draft (no PDF), which the next call generates again. Calling it again before signing revises
 * the contract: a new PDF, the earlier one kept as a document of the contract.
 */
export async function generateContract(
  ctx: ServiceContext,
  deps: ContractDeps,
  applicationId: string,
  input: { ratePlanId: string; terms: ContractTerms; effectiveDate: string },
): Promise<MerchantContract> {
  const terms = contractTerms.parse(input.terms);
  const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  const draft = await ctx.db.transaction().execute(async (tx) => {
    const row = await loadOrThrow(tx, applicationId);
    if (row.status !== 'approved') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `merchant application: cannot make a contract when ${row.status} (it must be approved)`,
      );
    }
    const mcc = row.mcc ? mccByCode(row.mcc) : undefined;
    if (!mcc) throw new AppError('CONFLICT', `the application's MCC ${row.mcc ?? '(none)'} is unknown`);
    const plan = await ratePlanById(tx, input.ratePlanId);
    if (!plan) {
      throw new AppError('VALIDATION_FAILED', 'no such rate plan', { ratePlanId: 'no such rate plan' });
    }
    const refuse = (field: string, message: string) =>
      new AppError('VALIDATION_FAILED', message, { [field]: message });
    if (plan.status !== 'active') throw refuse('ratePlanId', `rate plan ${plan.code} is retired`);
    if (!planFits(plan, mcc.category)) {
      throw refuse(
        'ratePlanId',
        `rate plan ${plan.code} is for ${plan.mccCategory} merchants; MCC ${mcc.code} is ${mcc.category}`,
      );
    }
    if (input.effectiveDate < today)
      throw refuse('effectiveDate', `the effective date is before today (${today})`);
    const latest = addDays(today, EFFECTIVE_DAYS_AHEAD_MAX);
    if (input.effectiveDate > latest) {
      throw refuse(
        'effectiveDate',
        `the effective date is more than ${EFFECTIVE_DAYS_AHEAD_MAX} days ahead (${latest})`,
      );
    }
    if (input.effectiveDate < plan.effectiveFrom) {
      throw refuse('effectiveDate', `rate plan ${plan.code} takes effect on ${plan.effectiveFrom}`);
    }
    const rates = ratesSnapshotOf(plan);
    const party = merchantParty(row.form as ApplicationDraft, mcc);
    const now = ctx.clock.now();
    const existing = await lockContractOfApplication(tx, applicationId);
    let contractId: string;
    let contractNo: string;
    let version: number;
    if (existing) {
      contractLifecycle.next(existing.status, 'revise');
      const revised = await reviseContract(tx, existing.id, existing.version, {
        rate_plan_id: plan.id,
        rates: JSON.stringify(rates),
        terms: JSON.stringify(terms),
        effective_date: input.effectiveDate,
        updated_at: now,
      });
      if (!revised) throw new AppError('CONFLICT', 'the contract changed meanwhile; reload it');
      contractId = existing.id;
      contractNo = existing.contract_no;
      version = existing.version + 1;
      await recordAudit(tx, originOf(ctx), {
        action: 'merchant.contract.revise',
        objectType: CONTRACT_OWNER,
        objectId: contractId,
        orgId: row.org_id,
        before: {
          status: existing.status,
          rates: existing.rates,
          terms: existing.terms,
          effectiveDate: existing.effective_date,
        },
        after: { status: 'draft', rates, terms, effectiveDate: input.effectiveDate },
      });
    } else {
      contractNo = await nextContractNo(tx, today);
      const inserted = await insertContractDraft(tx, {
        application_id: applicationId,
        org_id: row.org_id,
        contract_no: contractNo,
        rate_plan_id: plan.id,
        rates: JSON.stringify(rates),
        terms: JSON.stringify(terms),
        effective_date: input.effectiveDate,
        created_by: ctx.actor.userId,
      });
      if (!inserted)
        throw new AppError('CONFLICT', 'a contract was just made for this application; reload it');
      contractId = inserted.id;
      version = 0;
      await recordAudit(tx, originOf(ctx), {
        action: 'merchant.contract.create',
        objectType: CONTRACT_OWNER,
        objectId: contractId,
        orgId: row.org_id,
        after: {
          contractNo,
          applicationId,
          status: 'draft',
          rates,
          terms,
          effectiveDate: input.effectiveDate,
        },
      });
    }
    const names = await acquirerOf(ctx.system, row.org_id);
    const pdfInput: ContractPdfInput = {
      contractNo,
      generatedAt: now,
      timeZone: ctx.config.TZ_BUSINESS,
      acquirer: { name: names?.acquirerName ?? row.org_name, branchName: names?.orgName ?? row.org_name },
      ...party,
      rates,
      terms,
      effectiveDate: input.effectiveDate,
    };
    return { contractId, contractNo, version, orgId: row.org_id, pdfInput };
  });

  const pdf = await renderContractPdf(draft.pdfInput, await cjkFonts());
  let document: Awaited<ReturnType<typeof uploadDocument>>;
  try {
    document = await uploadDocument(ctx, deps.storage, {
      ownerType: CONTRACT_OWNER,
      ownerId: draft.contractId,
      kind: CONTRACT_PDF,
      fileName: `${draft.contractNo}.pdf`,
      bytes: pdf,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'DOCUMENT_OWNER_LOCKED') {
      throw new AppError('CONFLICT', 'the contract changed meanwhile; reload it');
    }
    throw error;
  }

  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const generated = await markContractGenerated(tx, draft.contractId, draft.version, {
      document_id: document.id,
      generated_at: now,
      updated_at: now,
    });
    if (!generated) throw new AppError('CONFLICT', 'the contract changed meanwhile; reload it');
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.contract.generate',
      objectType: CONTRACT_OWNER,
      objectId: draft.contractId,
      orgId: draft.orgId,
      before: { status: 'draft' },
      after: {
        status: 'generated',
        documentId: document.id,
        sha256: document.sha256,
        sizeBytes: document.sizeBytes,
      },
    });
  });
  return getContract(ctx, applicationId);
}

/** The contract of an application the caller can see; 404 when there is none yet. */
export async function getContract(ctx: ServiceContext, applicationId: string): Promise<MerchantContract> {
  await loadOrThrow(ctx.db, applicationId);
  const row = await findContractOfApplication(ctx.db, applicationId);
  if (!row) throw new AppError('NOT_FOUND', 'this application has no contract yet');
  return toContract(row);
}

/** The bytes of the contract's PDF, checked against the SHA-256 recorded when it was stored. */
export async function contractPdf(
  ctx: ServiceContext,
  deps: ContractDeps,
  applicationId: string,
  log: ErrorLog,
): Promise<{ fileName: string; bytes: Buffer }> {
  const contract = await getContract(ctx, applicationId);
  if (!contract.documentId) {
    throw new AppError('NOT_FOUND', `contract ${contract.contractNo} has no PDF yet: generate it`);
  }
  const { bytes } = await readDocumentContent(ctx, deps.storage, contract.documentId, log);
  return { fileName: `${contract.contractNo}.pdf`, bytes };
}

/**
 * 签署: records who signed and when (recorded by the caller), and moves the application
 * approved → contracted, in one transaction.
 */
export async function signContract(
  ctx: ServiceContext,
  applicationId: string,
  input: { signerName: string; signedAt?: string | undefined },
): Promise<MerchantContract> {
  await ctx.db.transaction().execute(async (tx: Db) => {
    const row = await loadOrThrow(tx, applicationId);
    const contract = await lockContractOfApplication(tx, applicationId);
    if (!contract) {
      throw new AppError('ILLEGAL_TRANSITION', 'merchant contract: generate the contract before signing it');
    }
    if (contract.status === 'signed') {
      const at = contract.signed_at?.toISOString() ?? '';
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `merchant contract: ${contract.contract_no} was already signed by ${contract.signer_name} at ${at}`,
      );
    }
    contractLifecycle.next(contract.status, 'sign');
    const now = ctx.clock.now();
    const signedAt = input.signedAt ? new Date(input.signedAt) : now;
    const refuse = (message: string) => new AppError('VALIDATION_FAILED', message, { signedAt: message });
    if (signedAt.getTime() > now.getTime()) throw refuse('the signing time is in the future');
    if (contract.generated_at && signedAt.getTime() < contract.generated_at.getTime()) {
      throw refuse(
        `the signing time is before the contract was generated (${contract.generated_at.toISOString()})`,
      );
    }
    const signed = await markContractSigned(tx, contract.id, contract.version, {
      signer_name: input.signerName,
      signed_at: signedAt,
      recorded_by: ctx.actor.userId,
      recorded_at: now,
      updated_at: now,
    });
    if (!signed) throw new AppError('CONFLICT', 'the contract changed meanwhile; reload it');
    await recordAudit(tx, originOf(ctx), {
      action: 'merchant.contract.sign',
      objectType: CONTRACT_OWNER,
      objectId: contract.id,
      orgId: contract.org_id,
      before: { status: contract.status },
      after: { status: 'signed', signerName: input.signerName, signedAt: signedAt.toISOString() },
    });
    await transition(
      ctx,
      tx,
      row,
      'sign_contract',
      `签约 ${contract.contract_no}，签署人 ${input.signerName}`,
    );
  });
  return getContract(ctx, applicationId);
}
