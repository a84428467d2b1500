import type { MccCategory } from '@posops/contracts';

/**
 * The rate plans every database starts with (费率方案目录). Rates in ppm of the amount, caps in fen.
 *
 * Where the figures come from:
 *  - Since the 2016 card fee reform (发改价格〔2016〕557号, in force 2016-09-06) the acquirer's fee to
 *    the merchant is set by the market; what it must cover is regulated: the issuer's fee at most
 *    0.35% for debit cards, capped at 13 yuan per transaction, and 0.45% for credit cards; the card
 *    network's fee at most 0.0325% from the issuer and 0.0325% from the acquirer (debit capped at
 *    3.25 yuan each side). An acquirer's floor is therefore 0.3825% (debit, capped 16.25 yuan) and
 *    0.4825% (credit); every plan below that is not a policy discount sits above it.
 *  - The same reform waives the issuer's and network's fees for non-profit hospitals, schools, social
 *    welfare, elderly care and charities (公益类), and discounted them for a transition period for
 *    supermarkets, warehouse stores, utilities, fuel and transport ticketing (民生类).
 *  - Before it, the 2013 schedule (发改价格〔2013〕66号) fixed the whole merchant rate by class:
 *    餐娱类 1.25%, 一般类 0.78%, 民生类 0.38%, 公益类 0, with per-transaction caps for real estate,
 *    motor vehicles (80 yuan) and wholesale (26 yuan). One plan of that schedule is kept, retired,
 *    so that contracts signed under it still name it.
 *  - QR payments (扫码: UnionPay QR, WeChat Pay, Alipay) are not regulated by those notices; 0.38% is
 *    the rate commonly charged to general merchants. Plans below use it unless discounted.
 *  - The acquirer margins on top of the floor (0.55% / 0.60% standard, more for dining and
 *    entertainment, less for essentials and small merchants) are this platform's assumptions of a
 *    typical bank acquirer's price list, not figures from a notice. Administrators change them.
 */
export interface CataloguePlan {
  code: string;
  name: string;
  nameEn: string;
  status: 'active' | 'retired';
  debitRatePpm: number;
  debitCapMinor: bigint | null;
  creditRatePpm: number;
  qrRatePpm: number;
  mccCategory: MccCategory | null;
  effectiveFrom: string;
  note: string;
}

export const defaultRatePlans: readonly CataloguePlan[] = [
  {
    code: 'STD',
    name: '标准费率',
    nameEn: 'Standard',
    status: 'active',
    debitRatePpm: 5_500,
    debitCapMinor: 2_000n,
    creditRatePpm: 6_000,
    qrRatePpm: 3_800,
    mccCategory: null,
    effectiveFrom: '2016-09-06',
    note: '借记卡0.55%封顶20元，贷记卡0.60%，扫码0.38%；适用于各类商户（2016年刷卡手续费改革后市场定价）',
  },
  {
    code: 'DINING',
    name: '餐娱类费率',
    nameEn: 'Dining & entertainment',
    status: 'active',
    debitRatePpm: 6_000,
    debitCapMinor: 2_500n,
    creditRatePpm: 6_500,
    qrRatePpm: 3_800,
    mccCategory: '餐娱类',
    effectiveFrom: '2016-09-06',
    note: '餐饮、宾馆、娱乐、珠宝金饰、工艺美术品类商户',
  },
  {
    code: 'ESSENTIALS',
    name: '民生类优惠费率',
    nameEn: 'Essentials (discounted)',
    status: 'active',
    debitRatePpm: 3_800,
    debitCapMinor: 2_000n,
    creditRatePpm: 5_000,
    qrRatePpm: 3_000,
    mccCategory: '民生类',
    effectiveFrom: '2016-09-06',
    note: '超市、大型仓储式卖场、水电煤气缴费、加油、交通运输售票；发卡行与网络服务费优惠',
  },
  {
    code: 'WELFARE',
    name: '公益类零费率',
    nameEn: 'Public welfare (zero rate)',
    status: 'active',
    debitRatePpm: 0,
    debitCapMinor: null,
    creditRatePpm: 0,
    qrRatePpm: 0,
    mccCategory: '公益类',
    effectiveFrom: '2016-09-06',
    note: '非营利性医疗、教育、社会福利、养老、慈善机构；发卡行与网络服务费全额减免，收单服务费免收',
  },
  {
    code: 'SMALL-PROMO',
    name: '小微商户优惠费率',
    nameEn: 'Small merchant promotion',
    status: 'active',
    debitRatePpm: 4_500,
    debitCapMinor: 1_800n,
    creditRatePpm: 5_500,
    qrRatePpm: 3_000,
    mccCategory: null,
    effectiveFrom: '2021-09-30',
    note: '小微企业与个体工商户降费让利（2021年起）；资格由签约人员核实',
  },
  {
    code: 'DINING-2013',
    name: '餐娱类费率（2013版）',
    nameEn: 'Dining & entertainment (2013 schedule)',
    status: 'retired',
    debitRatePpm: 12_500,
    debitCapMinor: null,
    creditRatePpm: 12_500,
    qrRatePpm: 3_800,
    mccCategory: '餐娱类',
    effectiveFrom: '2013-02-25',
    note: '发改价格〔2013〕66号政府定价，2016年9月6日起停用；不再签约',
  },
];
