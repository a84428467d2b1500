import type { ApplicationForm } from '@posops/contracts';
import type { Clock } from '@posops/kernel';
import {
  creditCodeCheckCharacter,
  luhnCheckDigit,
  organisationCodeCheckCharacter,
  residentIdCheckCharacter,
} from '@posops/kernel';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import { jpeg, pdf } from '../../platform/demo/sample-files';
import { decideApproval } from '../approvals';
import { type DocumentStorage, uploadDocument } from '../documents';
import { contextForUser, useDemoPassword } from '../identity';
import { requestApproval } from './application-approval.service';
import { reviewerItems } from './application-checks';
import { requiredDocumentKinds } from './application-documents';
import {
  completeReview,
  createApplication,
  decideCheckItem,
  getApplication,
  returnApplication,
  startReview,
  submitApplication,
} from './applications.service';
import { generateContract, signContract } from './contract.service';
import { startGoLive } from './golive.service';
import { completeInstallation, getMerchant, recordTraining } from './merchants.service';

type Stage =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'returned'
  | 'reviewed'
  | 'pending_approval'
  | 'pending_hq'
  | 'approved'
  | 'contracted'
  | 'active'
  | 'rejected';

interface DemoMerchant {
  name: string;
  shortName: string;
  type: 'individual' | 'company';
  mcc: string;
  scope: string;
  district: string;
  street: string;
  rep: string;
  monthlyYuan: number;
  ticketYuan: number;
  stage: Stage;
}

/** Merchants of the demo bank's Beijing outlets, one or more in every stage of onboarding. */
const demoMerchants: DemoMerchant[] = [
  {
    name: '北京张记面馆',
    shortName: '张记面馆',
    type: 'individual',
    mcc: '5812',
    scope: '餐饮服务（面食）',
    district: '110105',
    street: '朝阳区建国路 88 号',
    rep: '张建国',
    monthlyYuan: 180_000,
    ticketYuan: 45,
    stage: 'active',
  },
  {
    name: '北京京华便利店有限公司',
    shortName: '京华便利',
    type: 'company',
    mcc: '5411',
    scope: '食品、日用品零售',
    district: '110105',
    street: '朝阳区光华路 12 号',
    rep: '王京华',
    monthlyYuan: 420_000,
    ticketYuan: 38,
    stage: 'active',
  },
  {
    name: '北京朝阳鲜花坊',
    shortName: '朝阳鲜花',
    type: 'individual',
    mcc: '5992',
    scope: '鲜花零售',
    district: '110105',
    street: '朝阳区三里屯路 19 号',
    rep: '李芳',
    monthlyYuan: 60_000,
    ticketYuan: 160,
    stage: 'contracted',
  },
  {
    name: '北京海淀学海文具有限公司',
    shortName: '学海文具',
    type: 'company',
    mcc: '5943',
    scope: '文具、办公用品零售',
    district: '110108',
    street: '海淀区中关村大街 27 号',
    rep: '赵学海',
    monthlyYuan: 90_000,
    ticketYuan: 55,
    stage: 'approved',
  },
  {
    name: '北京望京豆香咖啡有限公司',
    shortName: '豆香咖啡',
    type: 'company',
    mcc: '5814',
    scope: '饮品、简餐',
    district: '110105',
    street: '朝阳区望京街 9 号',
    rep: '孙晓',
    monthlyYuan: 150_000,
    ticketYuan: 42,
    stage: 'pending_approval',
  },
  {
    name: '北京金缘珠宝有限公司',
    shortName: '金缘珠宝',
    type: 'company',
    mcc: '5944',
    scope: '珠宝首饰零售',
    district: '110101',
    street: '东城区王府井大街 138 号',
    rep: '钱金缘',
    monthlyYuan: 2_600_000,
    ticketYuan: 8_800,
    stage: 'pending_hq',
  },
  {
    name: '北京国贸力健身有限公司',
    shortName: '力健身',
    type: 'company',
    mcc: '7997',
    scope: '健身服务',
    district: '110105',
    street: '朝阳区建国门外大街 1 号',
    rep: '周力',
    monthlyYuan: 300_000,
    ticketYuan: 1_200,
    stage: 'reviewed',
  },
  {
    name: '北京双井洁净洗衣店',
    shortName: '洁净洗衣',
    type: 'individual',
    mcc: '7211',
    scope: '洗衣服务',
    district: '110105',
    street: '朝阳区双井桥东 6 号',
    rep: '吴洁',
    monthlyYuan: 40_000,
    ticketYuan: 35,
    stage: 'in_review',
  },
  {
    name: '北京酒仙桥家电维修部',
    shortName: '家电维修',
    type: 'individual',
    mcc: '7699',
    scope: '家用电器维修',
    district: '110105',
    street: '朝阳区酒仙桥路 4 号',
    rep: '郑修',
    monthlyYuan: 30_000,
    ticketYuan: 120,
    stage: 'returned',
  },
  {
    name: '北京亮马书屋',
    shortName: '亮马书屋',
    type: 'individual',
    mcc: '5942',
    scope: '图书零售',
    district: '110105',
    street: '朝阳区亮马桥路 32 号',
    rep: '冯书',
    monthlyYuan: 50_000,
    ticketYuan: 68,
    stage: 'submitted',
  },
  {
    name: '北京团结湖鲜果铺',
    shortName: '鲜果铺',
    type: 'individual',
    mcc: '5499',
    scope: '水果零售',
    district: '110105',
    street: '朝阳区团结湖路 8 号',
    rep: '陈果',
    monthlyYuan: 70_000,
    ticketYuan: 30,
    stage: 'draft',
  },
  {
    name: '北京东坝恒通五金店',
    shortName: '恒通五金',
    type: 'individual',
    mcc: '5251',
    scope: '五金交电零售',
    district: '110105',
    street: '朝阳区东坝中路 15 号',
    rep: '褚恒',
    monthlyYuan: 80_000,
    ticketYuan: 90,
    stage: 'rejected',
  },
];

const orgChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A credit code with both check characters right: 92 (个体工商户) or 91 (公司) + the district + a body. */
function creditCode(i: number, m: DemoMerchant): string {
  const prefix = m.type === 'individual' ? '92' : '91';
  const body = `L${String(1_000_000 + i * 7_919).slice(-7)}`;
  const org = `${body}${organisationCodeCheckCharacter(body) ?? '0'}`;
  const first17 = `${prefix}${m.district}${org}`;
  return `${first17}${creditCodeCheckCharacter(first17) ?? orgChars[0]}`;
}

function idNumber(i: number): string {
  const born = `${1970 + (i % 25)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 27) + 1).padStart(2, '0')}`;
  const first17 = `110105${born}${String(100 + i).slice(-3)}`;
  return `${first17}${residentIdCheckCharacter(first17) ?? '0'}`;
}

function cardNumber(i: number): string {
  const body = `622202${String(4_000_000_000_00 + i * 104_729).padStart(12, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

function formOf(i: number, m: DemoMerchant): ApplicationForm {
  const code = creditCode(i, m);
  return {
    business: {
      name: m.name,
      shortName: m.shortName,
      type: m.type,
      mcc: m.mcc,
      scope: m.scope,
      address: { divisionCode: m.district, detail: m.street },
      hours: { open: '09:00', close: '21:30' },
    },
    legalRep: {
      name: m.rep,
      idType: 'resident_id',
      idNumber: idNumber(i),
      validFrom: '2019-05-01',
      validTo: 'long_term',
    },
    licence: {
      creditCode: code,
      registeredName: m.name,
      validTo: 'long_term',
      establishedOn: `20${String(10 + (i % 14)).padStart(2, '0')}-0${(i % 9) + 1}-15`,
    },
    tax: { taxpayerType: 'small_scale' },
    settlement: {
      accountType: 'personal',
      bankName: '中国工商银行',
      branchName: '北京朝阳支行',
      accountNo: cardNumber(i),
      holderName: m.rep,
    },
    contacts: { name: m.rep, mobile: `139${String(10_000_000 + i * 7_331).slice(-8)}` },
    expected: {
      monthlyVolumeMinor: String(m.monthlyYuan * 100),
      averageTicketMinor: String(m.ticketYuan * 100),
    },
    terminals: [{ model: 'PAX A920', count: 1, acceptance: ['card', 'qr'] }],
    attribution: {},
  };
}

const order: Stage[] = [
  'draft',
  'submitted',
  'in_review',
  'returned',
  'reviewed',
  'pending_approval',
  'approved',
  'contracted',
  'active',
];
const reaches = (stage: Stage, step: Stage) => {
  if (stage === 'rejected' || stage === 'pending_hq')
    return order.indexOf(step) <= order.indexOf('pending_approval');
  if (stage === 'returned') return step === 'draft' || step === 'submitted' || step === 'in_review';
  return order.indexOf(step) <= order.indexOf(stage);
};

/**
 * The demo's merchants, taken through the real services by the demo users — front desk, back office,
 * approvers, engineer — so every list, checklist, approval and history is the genuine article.
 */
export async function seedDemoMerchants(
  deps: { db: Db; clock: Clock; config: AppConfig },
  storage: DocumentStorage,
): Promise<void> {
  const [frontdesk, backoffice, approverBj, approverHq, engineer] = await Promise.all(
    ['frontdesk', 'backoffice', 'approver.bj', 'approver.hq', 'engineer'].map((u) => contextForUser(deps, u)),
  );
  for (const [i, m] of demoMerchants.entries()) {
    const app = await createApplication(frontdesk!, {
      form: m.stage === 'draft' ? { business: { name: m.name, mcc: m.mcc } } : formOf(i + 1, m),
    });
    if (m.stage === 'draft') continue;
    for (const kind of requiredDocumentKinds) {
      const licence = kind === 'licence';
      await uploadDocument(frontdesk!, storage, {
        ownerType: 'merchant_application',
        ownerId: app.id,
        kind,
        fileName: licence ? '营业执照.pdf' : `${kind}.jpg`,
        bytes: Buffer.from(licence ? pdf() : jpeg()),
      });
    }
    await submitApplication(frontdesk!, app.id);
    if (!reaches(m.stage, 'in_review')) continue;
    await startReview(backoffice!, app.id);
    if (m.stage === 'returned') {
      await returnApplication(backoffice!, app.id, '门头照与营业执照地址不一致，请补充租赁合同');
      continue;
    }
    if (m.stage === 'in_review') continue;
    for (const item of reviewerItems)
      await decideCheckItem(backoffice!, app.id, item, null, { result: 'passed' });
    await completeReview(backoffice!, app.id);
    if (!reaches(m.stage, 'pending_approval')) continue;
    const requested = await requestApproval(backoffice!, app.id);
    const approvalId = requested.approvalId!;
    if (m.stage === 'pending_approval') continue;
    if (m.stage === 'rejected') {
      await decideApproval(approverBj!, approvalId, 'reject', '经营场所为临时摊位，不符合受理条件');
      continue;
    }
    await decideApproval(approverBj!, approvalId, 'approve', '资料齐全，同意');
    if (m.stage === 'pending_hq') continue;
    if ((await getApplication(backoffice!, app.id)).status !== 'approved') {
      await decideApproval(approverHq!, approvalId, 'approve', '总行同意');
    }
    if (!reaches(m.stage, 'contracted')) continue;
    const plans = await deps.db
      .selectFrom('rate_plans')
      .select(['id', 'code'])
      .where('status', '=', 'active')
      .execute();
    const plan =
      plans.find((p) => p.code === (m.mcc === '5812' || m.mcc === '5814' ? 'DINING' : 'STD')) ?? plans[0]!;
    await generateContract(backoffice!, { storage }, app.id, {
      ratePlanId: plan.id,
      terms: { settlementCycle: 'T+1', termYears: 1, autoRenew: true, depositMinor: '0' },
      effectiveDate: new Date(deps.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10),
    });
    await signContract(backoffice!, app.id, { signerName: m.rep });
    if (m.stage !== 'active') continue;
    const live = await startGoLive(backoffice!, app.id);
    await useDemoPassword(deps.db, live.portalLogin.username);
    await recordTraining(backoffice!, live.merchantId, {
      trainerName: '李培训',
      trainedAt: deps.clock.now().toISOString(),
      topics: ['刷卡与扫码收款', '撤销与退货', '结算与对账单'],
      attendees: `${m.rep} 及收银员`,
    });
    const merchant = await getMerchant(engineer!, live.merchantId);
    await completeInstallation(
      engineer!,
      merchant.workOrders[0]!.id,
      `PAXA920-${String(10_000_000 + i).slice(-8)}`,
    );
  }
}
