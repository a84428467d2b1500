import { z } from 'zod';

/**
 * A chain step: who decides (a role, at an org level at or above the request's org), and when the step
 * applies (amount and grade thresholds add steps). Chains are configured per request type.
 */
export const chainStep = z.strictObject({
  roleCode: z.string().min(1),
  /** any: a holder of the role anywhere above or at the request's org; branch: at branch level or above; head_office: at the head office. */
  orgLevel: z.enum(['any', 'branch', 'head_office']),
  minAmountMinor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  grades: z.array(z.string()).optional(),
  /** With both thresholds: 'all' (default) needs both to hold, 'any' either (e.g. grade C/D or a big volume). */
  match: z.enum(['all', 'any']).optional(),
});
export type ChainStep = z.infer<typeof chainStep>;

export const chainSteps = z.array(chainStep).min(1).max(10);

export const maxDepthOf: Record<ChainStep['orgLevel'], number> = { any: 99, branch: 1, head_office: 0 };

/** The steps of a chain that apply to one request. */
export function applicableSteps(
  steps: readonly ChainStep[],
  amountMinor: bigint | null,
  grade: string | null,
): ChainStep[] {
  return steps.filter((s) => {
    const conditions: boolean[] = [];
    if (s.minAmountMinor !== undefined)
      conditions.push(amountMinor !== null && amountMinor >= BigInt(s.minAmountMinor));
    if (s.grades !== undefined) conditions.push(grade !== null && s.grades.includes(grade));
    if (conditions.length === 0) return true;
    return s.match === 'any' ? conditions.some(Boolean) : conditions.every(Boolean);
  });
}

/** Chains present on a fresh database; administrators edit them afterwards. */
export const defaultChains: { type: string; name: string; nameEn: string; steps: ChainStep[] }[] = [
  {
    type: 'role.grant',
    name: '授予特权角色',
    nameEn: 'Grant a privileged role',
    steps: [{ roleCode: 'sysadmin', orgLevel: 'any' }],
  },
  {
    // 商户进件审批: the branch approves every application; the head office as well for grade C/D or an
    // expected monthly volume of 1,000,000 yuan or more.
    type: 'merchant.onboard',
    name: '商户进件审批',
    nameEn: 'Merchant onboarding',
    steps: [
      { roleCode: 'approver', orgLevel: 'branch' },
      {
        roleCode: 'approver',
        orgLevel: 'head_office',
        grades: ['C', 'D'],
        minAmountMinor: '100000000',
        match: 'any',
      },
    ],
  },
  {
    // 结算账户变更: the branch approver, then a risk officer (a changed payee is how fraud pays out).
    type: 'merchant.change.settlement_account',
    name: '商户结算账户变更',
    nameEn: 'Merchant settlement account change',
    steps: [
      { roleCode: 'approver', orgLevel: 'branch' },
      { roleCode: 'risk_officer', orgLevel: 'any' },
    ],
  },
  {
    type: 'merchant.change.address',
    name: '商户经营地址变更',
    nameEn: 'Merchant address change',
    steps: [{ roleCode: 'approver', orgLevel: 'branch' }],
  },
  {
    // 费率变更: the branch; the head office as well for grade C/D merchants.
    type: 'merchant.change.rate_plan',
    name: '商户费率变更',
    nameEn: 'Merchant rate plan change',
    steps: [
      { roleCode: 'approver', orgLevel: 'branch' },
      { roleCode: 'approver', orgLevel: 'head_office', grades: ['C', 'D'] },
    ],
  },
  {
    // 限额变更: a risk officer, the branch; the head office as well for grade C/D or a monthly limit of
    // 5,000,000 yuan or more.
    type: 'merchant.change.limits',
    name: '商户限额变更',
    nameEn: 'Merchant limits change',
    steps: [
      { roleCode: 'risk_officer', orgLevel: 'any' },
      { roleCode: 'approver', orgLevel: 'branch' },
      {
        roleCode: 'approver',
        orgLevel: 'head_office',
        grades: ['C', 'D'],
        minAmountMinor: '500000000',
        match: 'any',
      },
    ],
  },
  {
    // 报废: the branch approver; the head office as well for a unit bought at 5,000 yuan or more.
    type: 'terminal.scrap',
    name: '机具报废',
    nameEn: 'Terminal scrap',
    steps: [
      { roleCode: 'approver', orgLevel: 'branch' },
      { roleCode: 'approver', orgLevel: 'head_office', minAmountMinor: '500000' },
    ],
  },
  {
    // 采购: operations at the branch; the head office as well from 100,000 yuan.
    type: 'terminal.procurement',
    name: '机具采购',
    nameEn: 'Terminal procurement',
    steps: [
      { roleCode: 'approver', orgLevel: 'branch' },
      { roleCode: 'approver', orgLevel: 'head_office', minAmountMinor: '10000000' },
    ],
  },
  {
    // 盘点差异处理: the branch approves writing off missing units and correcting misplaced ones.
    type: 'terminal.stocktake',
    name: '盘点差异处理',
    nameEn: 'Stocktake write-off',
    steps: [{ roleCode: 'approver', orgLevel: 'branch' }],
  },
];
