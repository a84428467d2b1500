import {
  type ApplicationForm,
  applicationForm,
  divisionByCode,
  divisionPath,
  mccByCode,
} from '@posops/contracts';
import {
  checkBankAccount,
  checkIdValidity,
  checkMainlandMobile,
  checkResidentIdNumber,
  checkUnifiedSocialCreditCode,
} from '@posops/kernel';

/** One finding of the checks at submission (资料审核的系统检查). */
export interface CheckFinding {
  item: string;
  /** Dotted path of the form field it concerns, for the console to show the message there. */
  field: string | null;
  result: 'passed' | 'failed' | 'warning';
  detail: string;
  /** A blocking failure stops the submission; a non-blocking one waits for the reviewer's decision. */
  blocking: boolean;
}

/** Items the reviewer decides by looking at the documents and the place; the system cannot. */
export const reviewerItems = ['documents_match', 'scope_matches_mcc', 'premises_verified'] as const;

const pass = (item: string, field: string | null, detail: string): CheckFinding => ({
  item,
  field,
  result: 'passed',
  detail,
  blocking: false,
});
const fail = (item: string, field: string | null, detail: string, blocking = true): CheckFinding => ({
  item,
  field,
  result: 'failed',
  detail,
  blocking,
});

/** The form's shape: every missing or malformed field is a blocking finding on that field. */
export function formFindings(form: unknown): { form: ApplicationForm | null; findings: CheckFinding[] } {
  const parsed = applicationForm.safeParse(form);
  if (parsed.success) return { form: parsed.data, findings: [] };
  return {
    form: null,
    findings: parsed.error.issues.map((issue) =>
      fail('form', issue.path.join('.') || 'form', issue.message === 'Required' ? 'required' : issue.message),
    ),
  };
}

/** Checksums and reference data: ID number, credit code, account, phone, MCC, district. */
export function numberFindings(form: ApplicationForm, today: Date): CheckFinding[] {
  const out: CheckFinding[] = [];
  const rep = form.legalRep;
  if (rep.idType === 'resident_id') {
    const id = checkResidentIdNumber(rep.idNumber, today);
    out.push(
      id.ok
        ? pass('legal_rep_id', 'legalRep.idNumber', `valid resident ID (born ${id.birthDate})`)
        : fail('legal_rep_id', 'legalRep.idNumber', id.message),
    );
  } else {
    out.push({
      item: 'legal_rep_id',
      field: 'legalRep.idNumber',
      result: 'warning',
      detail: `${rep.idType}: no checksum; the reviewer compares it with the document`,
      blocking: false,
    });
  }
  const validity = checkIdValidity(rep.validFrom, rep.validTo === 'long_term' ? '长期' : rep.validTo, today);
  out.push(
    validity.ok
      ? pass('legal_rep_id_validity', 'legalRep.validTo', 'ID document valid')
      : fail('legal_rep_id_validity', 'legalRep.validTo', validity.message),
  );

  const code = checkUnifiedSocialCreditCode(form.licence.creditCode);
  if (code.ok) out.push(pass('credit_code', 'licence.creditCode', 'valid unified social credit code'));
  else if (
    code.reason === 'org_code_check' ||
    (code.reason === 'check_character' && code.orgCodeValid === true)
  ) {
    // Codes issued in the early pilot regions (e.g. Xiamen before 2016) are real yet fail one of the two
    // checks while the other holds: a typo almost always breaks both. The reviewer may override them with
    // a recorded reason after seeing the licence.
    out.push(
      fail(
        'credit_code',
        'licence.creditCode',
        `${code.message} (pilot-region code? the reviewer may override)`,
        false,
      ),
    );
  } else out.push(fail('credit_code', 'licence.creditCode', code.message));

  const account = checkBankAccount(form.settlement.accountNo, form.settlement.accountType);
  if (!account.ok) out.push(fail('settlement_account', 'settlement.accountNo', account.message));
  else if (account.warning) {
    out.push({
      item: 'settlement_account',
      field: 'settlement.accountNo',
      result: 'warning',
      detail:
        'UnionPay card number fails the Luhn check; some 62-prefixed cards do: confirm with the account proof',
      blocking: false,
    });
  } else out.push(pass('settlement_account', 'settlement.accountNo', 'account number well formed'));

  const mobile = checkMainlandMobile(form.contacts.mobile);
  out.push(
    mobile.ok
      ? pass('contact_mobile', 'contacts.mobile', 'mobile number well formed')
      : fail('contact_mobile', 'contacts.mobile', mobile.message),
  );
  const mcc = mccByCode(form.business.mcc);
  out.push(
    mcc
      ? pass('mcc', 'business.mcc', `${mcc.code} ${mcc.zh} (${mcc.category}, ${mcc.riskClass} risk)`)
      : fail('mcc', 'business.mcc', `unknown MCC ${form.business.mcc}`),
  );
  // The finest level there is: a district, or a city that has no districts (e.g. 东莞 441900).
  const division = divisionByCode(form.business.address.divisionCode);
  const path = divisionPath(form.business.address.divisionCode);
  out.push(
    division && path && division.children.length === 0
      ? pass('address_division', 'business.address.divisionCode', path.names.join(' '))
      : fail(
          'address_division',
          'business.address.divisionCode',
          'not a district code of the administrative divisions',
        ),
  );
  if (form.business.type === 'individual' && form.settlement.accountType === 'corporate') {
    out.push(
      fail(
        'account_type',
        'settlement.accountType',
        'an individual business settles to a personal account',
        false,
      ),
    );
  }
  if (
    form.settlement.holderName !== form.licence.registeredName &&
    form.settlement.holderName !== form.legalRep.name
  ) {
    out.push(
      fail(
        'account_holder',
        'settlement.holderName',
        'the account holder is neither the registered name nor the legal representative',
        false,
      ),
    );
  }
  return out;
}
