import {
  type ApplicationForm,
  applicationForm,
  divisionByCode,
  divisionPath,
  type MessageRef,
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
  /** The finding in English (logs, API clients); `message` is the same as a key the console translates. */
  detail: string;
  message: MessageRef;
  /** A blocking failure stops the submission; a non-blocking one waits for the reviewer's decision. */
  blocking: boolean;
}

/** Items the reviewer decides by looking at the documents and the place; the system cannot. */
export const reviewerItems = ['documents_match', 'scope_matches_mcc', 'premises_verified'] as const;

type Params = MessageRef['params'];
const ref = (key: string, params?: Params): MessageRef => (params ? { key, params } : { key });

export const passed = (
  item: string,
  field: string | null,
  detail: string,
  key: string,
  params?: Params,
): CheckFinding => ({
  item,
  field,
  result: 'passed',
  detail,
  message: ref(key, params),
  blocking: false,
});
export const failed = (
  item: string,
  field: string | null,
  detail: string,
  key: string,
  params?: Params,
  blocking = true,
): CheckFinding => ({ item, field, result: 'failed', detail, message: ref(key, params), blocking });
export const warned = (
  item: string,
  field: string | null,
  detail: string,
  key: string,
  params?: Params,
): CheckFinding => ({
  item,
  field,
  result: 'warning',
  detail,
  message: ref(key, params),
  blocking: false,
});

/** The form's shape: every missing or malformed field is a blocking finding on that field. */
export function formFindings(form: unknown): { form: ApplicationForm | null; findings: CheckFinding[] } {
  const parsed = applicationForm.safeParse(form);
  if (parsed.success) return { form: parsed.data, findings: [] };
  return {
    form: null,
    findings: parsed.error.issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return failed(
        'form',
        issue.path.join('.') || 'form',
        missing ? 'required' : issue.message,
        missing ? 'check.form.required' : 'check.form.invalid',
        missing ? undefined : { detail: issue.message },
      );
    }),
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
        ? passed(
            'legal_rep_id',
            'legalRep.idNumber',
            `valid resident ID (born ${id.birthDate})`,
            'check.id.valid',
            {
              birthDate: id.birthDate,
            },
          )
        : failed('legal_rep_id', 'legalRep.idNumber', id.message, `check.id.${id.reason}`),
    );
  } else {
    out.push(
      warned(
        'legal_rep_id',
        'legalRep.idNumber',
        `${rep.idType}: no checksum; the reviewer compares it with the document`,
        'check.id.no_checksum',
        { idType: rep.idType },
      ),
    );
  }
  const validity = checkIdValidity(rep.validFrom, rep.validTo === 'long_term' ? '长期' : rep.validTo, today);
  out.push(
    validity.ok
      ? passed('legal_rep_id_validity', 'legalRep.validTo', 'ID document valid', 'check.id_validity.valid')
      : failed(
          'legal_rep_id_validity',
          'legalRep.validTo',
          validity.message,
          `check.id_validity.${validity.reason}`,
        ),
  );

  const code = checkUnifiedSocialCreditCode(form.licence.creditCode);
  if (code.ok)
    out.push(
      passed(
        'credit_code',
        'licence.creditCode',
        'valid unified social credit code',
        'check.credit_code.valid',
      ),
    );
  else if (
    code.reason === 'org_code_check' ||
    (code.reason === 'check_character' && code.orgCodeValid === true)
  ) {
    // Codes issued in the early pilot regions (e.g. Xiamen before 2016) are real yet fail one of the two
    // checks while the other holds: a typo almost always breaks both. The reviewer may override them with
    // a recorded reason after seeing the licence.
    out.push(
      failed(
        'credit_code',
        'licence.creditCode',
        `${code.message} (pilot-region code? the reviewer may override)`,
        'check.credit_code.pilot',
        { reason: code.reason },
        false,
      ),
    );
  } else
    out.push(failed('credit_code', 'licence.creditCode', code.message, `check.credit_code.${code.reason}`));

  const account = checkBankAccount(form.settlement.accountNo, form.settlement.accountType);
  if (!account.ok)
    out.push(
      failed(
        'settlement_account',
        'settlement.accountNo',
        account.message,
        `check.account.${account.reason}`,
      ),
    );
  else if (account.warning) {
    out.push(
      warned(
        'settlement_account',
        'settlement.accountNo',
        'UnionPay card number fails the Luhn check; some 62-prefixed cards do: confirm with the account proof',
        'check.account.unionpay_luhn',
      ),
    );
  } else
    out.push(
      passed(
        'settlement_account',
        'settlement.accountNo',
        'account number well formed',
        'check.account.valid',
      ),
    );

  const mobile = checkMainlandMobile(form.contacts.mobile);
  out.push(
    mobile.ok
      ? passed('contact_mobile', 'contacts.mobile', 'mobile number well formed', 'check.mobile.valid')
      : failed('contact_mobile', 'contacts.mobile', mobile.message, `check.mobile.${mobile.reason}`),
  );
  const mcc = mccByCode(form.business.mcc);
  out.push(
    mcc
      ? passed(
          'mcc',
          'business.mcc',
          `${mcc.code} ${mcc.zh} (${mcc.category}, ${mcc.riskClass} risk)`,
          'check.mcc.known',
          {
            code: mcc.code,
            name: mcc.zh,
            category: mcc.category,
            riskClass: mcc.riskClass,
          },
        )
      : failed('mcc', 'business.mcc', `unknown MCC ${form.business.mcc}`, 'check.mcc.unknown', {
          mcc: form.business.mcc,
        }),
  );
  // The finest level there is: a district, or a city that has no districts (e.g. 东莞 441900).
  const division = divisionByCode(form.business.address.divisionCode);
  const path = divisionPath(form.business.address.divisionCode);
  out.push(
    division && path && division.children.length === 0
      ? passed(
          'address_division',
          'business.address.divisionCode',
          path.names.join(' '),
          'check.division.valid',
          {
            names: path.names.join(' '),
          },
        )
      : failed(
          'address_division',
          'business.address.divisionCode',
          'not a district code of the administrative divisions',
          'check.division.not_district',
        ),
  );
  if (form.business.type === 'individual' && form.settlement.accountType === 'corporate') {
    out.push(
      failed(
        'account_type',
        'settlement.accountType',
        'an individual business settles to a personal account',
        'check.account_type.individual_corporate',
        undefined,
        false,
      ),
    );
  }
  if (
    form.settlement.holderName !== form.licence.registeredName &&
    form.settlement.holderName !== form.legalRep.name
  ) {
    out.push(
      failed(
        'account_holder',
        'settlement.holderName',
        'the account holder is neither the registered name nor the legal representative',
        'check.account_holder.mismatch',
        undefined,
        false,
      ),
    );
  }
  return out;
}
