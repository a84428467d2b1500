import { type ApplicationForm, type MessageRef, mccByCode, type RiskGrade } from '@posops/contracts';

/**
 * 信用评估 — the documented, explainable risk score of an application. Each factor adds points with a
 * sentence saying why; the total gives the grade; the grade gives the limits and how often the merchant
 * is inspected. The reviewer may override grade and limits with a recorded reason.
 *
 * | factor | points |
 * |---|---|
 * | MCC risk class | low 0 · medium 15 · high 35 |
 * | business age (licence 成立日期) | < 1 year 20 · 1–3 years 10 · ≥ 3 years 0 · not given 15 |
 * | volume against size | individual business expecting ≥ 1,000,000 yuan a month 20; company ≥ 50,000,000 yuan 10; average ticket ≥ 5,000 yuan in a low-risk MCC 10 |
 * | region (异地经营) | operating in another province than the one that registered the business 15 |
 * | review findings | blacklist hit 50 · each duplicate 15 (at most 30) · credit code overridden 10 · UnionPay card failing Luhn 5 |
 *
 * Grades: A 0–19 · B 20–39 · C 40–59 · D ≥ 60.
 */

export interface RiskFactor {
  factor: string;
  points: number;
  detail: string;
  /** The sentence as a key the console translates (`messages.risk.*`). */
  message: MessageRef;
}

export interface GradePolicy {
  singleLimitMinor: bigint;
  dailyLimitMinor: bigint;
  monthlyLimitMinor: bigint;
  inspectionMonths: number;
}

/** Limits (fen) and inspection frequency per grade (A yearly … D monthly). */
export const gradePolicies: Record<RiskGrade, GradePolicy> = {
  A: {
    singleLimitMinor: 5_000_000n,
    dailyLimitMinor: 20_000_000n,
    monthlyLimitMinor: 300_000_000n,
    inspectionMonths: 12,
  },
  B: {
    singleLimitMinor: 2_000_000n,
    dailyLimitMinor: 10_000_000n,
    monthlyLimitMinor: 150_000_000n,
    inspectionMonths: 6,
  },
  C: {
    singleLimitMinor: 1_000_000n,
    dailyLimitMinor: 5_000_000n,
    monthlyLimitMinor: 50_000_000n,
    inspectionMonths: 3,
  },
  D: {
    singleLimitMinor: 500_000n,
    dailyLimitMinor: 2_000_000n,
    monthlyLimitMinor: 20_000_000n,
    inspectionMonths: 1,
  },
};

export function gradeOf(score: number): RiskGrade {
  if (score >= 60) return 'D';
  if (score >= 40) return 'C';
  if (score >= 20) return 'B';
  return 'A';
}

/** The review's findings that weigh on the risk: the latest result per checklist item of the round. */
export interface ReviewFinding {
  item: string;
  result: 'passed' | 'failed' | 'warning' | 'overridden';
}

const YUAN = 100n;

function yearsBetween(from: string, today: Date): number {
  const start = new Date(`${from}T00:00:00Z`);
  return (today.getTime() - start.getTime()) / (365.25 * 86_400_000);
}

export function scoreApplication(
  form: ApplicationForm,
  findings: readonly ReviewFinding[],
  today: Date,
): { score: number; factors: RiskFactor[] } {
  const factors: RiskFactor[] = [];
  const add = (factor: string, points: number, detail: string, key: string, params?: MessageRef['params']) =>
    factors.push({
      factor,
      points,
      detail,
      message: params ? { key: `risk.${key}`, params } : { key: `risk.${key}` },
    });

  const mcc = mccByCode(form.business.mcc);
  const mccPoints = { low: 0, medium: 15, high: 35 }[mcc?.riskClass ?? 'high'];
  add(
    'mcc_risk',
    mccPoints,
    `MCC ${form.business.mcc} ${mcc?.zh ?? 'unknown'}: ${mcc?.riskClass ?? 'unknown, taken as high'} risk`,
    mcc ? 'mcc' : 'mcc_unknown',
    { mcc: form.business.mcc, name: mcc?.zh ?? '', riskClass: mcc?.riskClass ?? 'high' },
  );

  const established = form.licence.establishedOn;
  if (!established) add('business_age', 15, 'establishment date not given', 'age_unknown');
  else {
    const years = yearsBetween(established, today);
    add(
      'business_age',
      years < 1 ? 20 : years < 3 ? 10 : 0,
      `established ${established} (${years.toFixed(1)} years)`,
      'age',
      { date: established, years: years.toFixed(1) },
    );
  }

  const monthly = BigInt(form.expected.monthlyVolumeMinor);
  const ticket = BigInt(form.expected.averageTicketMinor);
  if (form.business.type === 'individual' && monthly >= 1_000_000n * YUAN) {
    add(
      'volume_vs_size',
      20,
      `an individual business expecting ${monthly / YUAN} yuan a month`,
      'volume_individual',
      {
        yuan: (monthly / YUAN).toString(),
      },
    );
  } else if (form.business.type === 'company' && monthly >= 50_000_000n * YUAN) {
    add('volume_vs_size', 10, `expected ${monthly / YUAN} yuan a month`, 'volume_high', {
      yuan: (monthly / YUAN).toString(),
    });
  } else
    add(
      'volume_vs_size',
      0,
      `expected ${monthly / YUAN} yuan a month, in line with the business`,
      'volume_normal',
      {
        yuan: (monthly / YUAN).toString(),
      },
    );
  if (mcc?.riskClass === 'low' && ticket >= 5_000n * YUAN) {
    add(
      'average_ticket',
      10,
      `average ticket ${ticket / YUAN} yuan is high for a low-risk MCC`,
      'ticket_high',
      {
        yuan: (ticket / YUAN).toString(),
      },
    );
  }

  const registeredProvince = form.licence.creditCode.slice(2, 4);
  const operatingProvince = form.business.address.divisionCode.slice(0, 2);
  const national = registeredProvince === '10';
  add(
    'region',
    !national && registeredProvince !== operatingProvince ? 15 : 0,
    !national && registeredProvince !== operatingProvince
      ? `registered in province ${registeredProvince}0000, operating in ${operatingProvince}0000 (异地经营)`
      : 'operates where it is registered',
    !national && registeredProvince !== operatingProvince ? 'region_elsewhere' : 'region_home',
    { registered: `${registeredProvince}0000`, operating: `${operatingProvince}0000` },
  );

  const failedOrOverridden = (item: string) =>
    findings.filter((f) => f.item === item && (f.result === 'failed' || f.result === 'overridden'));
  if (failedOrOverridden('blacklist').length > 0)
    add('blacklist_hit', 50, 'a number of the application is on the blacklist', 'blacklist');
  const duplicates = failedOrOverridden('duplicate').length;
  if (duplicates > 0)
    add('duplicates', Math.min(30, 15 * duplicates), `${duplicates} duplicate finding(s)`, 'duplicates', {
      count: duplicates,
    });
  if (findings.some((f) => f.item === 'credit_code' && f.result === 'overridden'))
    add('credit_code_override', 10, 'credit code accepted by override', 'credit_code_override');
  if (findings.some((f) => f.item === 'settlement_account' && f.result === 'warning'))
    add('unionpay_luhn', 5, 'settlement card fails Luhn (UnionPay)', 'unionpay_luhn');

  return { score: factors.reduce((sum, f) => sum + f.points, 0), factors };
}
