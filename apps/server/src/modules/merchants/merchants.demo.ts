import type { ApplicationForm } from '@posops/contracts';
import {
  addDays,
  businessDate,
  type Clock,
  creditCodeCheckCharacter,
  luhnCheckDigit,
  organisationCodeCheckCharacter,
  residentIdCheckCharacter,
} from '@posops/kernel';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import { jpeg, pdf, png } from '../../platform/demo/sample-files';
import type { ServiceContext } from '../../platform/http/context';
import { decideApproval } from '../approvals';
import { type DocumentStorage, uploadDocument } from '../documents';
import { contextForUser, useDemoPassword } from '../identity';
import type { SecurityModule } from '../security';
import { siteRequirements } from '../workorders';
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
import { requestChange } from './change.service';
import { generateContract, signContract } from './contract.service';
import { bindInstallation, finishFieldWork } from './field-work.service';
import { startGoLive } from './golive.service';
import { changeMerchantStatus, getMerchant, recordTraining } from './merchants.service';

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
  /** 业务归属: brought by the demo sales rep, or by the demo agent. */
  broughtBy?: 'sales' | 'agent';
  /** Where an active merchant went next (停机, 冻结结算, 注销), with the reason. */
  afterLive?: { event: 'suspend' | 'freeze_settlement' | 'close'; reason: string };
  /**
   * The terminal protocol's demo chain store: its fixed MID, and TIDs 10000001… each with the published
   * test TMK, so any ISO 8583 tool can sign on (docs/terminal-protocol.md, demo section).
   */
  protocolDemo?: { mid: string; terminals: number; model: string; serialPrefix: string };
}

/** The published test key of the industry (docs/terminal-protocol.md): demo mode only. */
export const DEMO_TMK = '0123456789ABCDEFFEDCBA9876543210';
export const DEMO_CHAIN_MID = '898310054110001';

const active = (
  m: Omit<DemoMerchant, 'stage' | 'type' | 'ticketYuan'> & Partial<Pick<DemoMerchant, 'type' | 'ticketYuan'>>,
): DemoMerchant => ({ type: 'company', ticketYuan: 60, stage: 'active', ...m });

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
  active({
    name: '北京海淀书香咖啡有限公司',
    shortName: '书香咖啡',
    mcc: '5814',
    scope: '咖啡、简餐',
    district: '110108',
    street: '海淀区中关村大街 59 号',
    rep: '陈书香',
    monthlyYuan: 260_000,
    ticketYuan: 42,
    broughtBy: 'sales',
  }),
  active({
    name: '北京东城康宁大药房有限公司',
    shortName: '康宁药房',
    mcc: '5912',
    scope: '药品、医疗器械零售',
    district: '110101',
    street: '东城区东直门内大街 66 号',
    rep: '孙康宁',
    monthlyYuan: 520_000,
    broughtBy: 'sales',
  }),
  active({
    name: '北京西城美发沙龙',
    shortName: '西城美发',
    type: 'individual',
    mcc: '7230',
    scope: '美容美发服务',
    district: '110102',
    street: '西城区西单北大街 120 号',
    rep: '周美',
    monthlyYuan: 90_000,
    ticketYuan: 180,
    broughtBy: 'agent',
  }),
  active({
    name: '北京丰台万家百货有限公司',
    shortName: '万家百货',
    mcc: '5311',
    scope: '百货零售',
    district: '110106',
    street: '丰台区丰台北路 18 号',
    rep: '吴万家',
    monthlyYuan: 1_600_000,
    ticketYuan: 260,
  }),
  active({
    name: '北京朝阳潮品服饰店',
    shortName: '潮品服饰',
    type: 'individual',
    mcc: '5641',
    scope: '服装零售',
    district: '110105',
    street: '朝阳区工体北路 8 号',
    rep: '郑潮',
    monthlyYuan: 150_000,
    ticketYuan: 320,
    broughtBy: 'agent',
    afterLive: { event: 'suspend', reason: '巡检发现移机使用，停机待核查' },
  }),
  active({
    name: '北京海淀数码电器有限公司',
    shortName: '海淀数码',
    mcc: '5732',
    scope: '电子产品零售',
    district: '110108',
    street: '海淀区海淀大街 3 号',
    rep: '冯数码',
    monthlyYuan: 900_000,
    ticketYuan: 1_200,
    broughtBy: 'sales',
    afterLive: { event: 'freeze_settlement', reason: '疑似虚假交易，冻结结算待调查' },
  }),
  active({
    name: '北京东城和园宾馆有限公司',
    shortName: '和园宾馆',
    mcc: '7011',
    scope: '住宿服务',
    district: '110101',
    street: '东城区王府井大街 200 号',
    rep: '褚和园',
    monthlyYuan: 700_000,
    ticketYuan: 480,
    afterLive: { event: 'close', reason: '商户停业，申请注销' },
  }),
  // Last, so the other merchants' demo changes stay as they are.
  active({
    name: '联华便民超市连锁有限公司',
    shortName: '联华便民',
    mcc: '5411',
    scope: '日用百货、食品零售（连锁）',
    district: '110105',
    street: '朝阳区朝阳北路 101 号',
    rep: '魏连锁',
    monthlyYuan: 5_000_000,
    ticketYuan: 85,
    protocolDemo: { mid: DEMO_CHAIN_MID, terminals: 64, model: 'PAX S90', serialPrefix: 'PAXS90-900000' },
  }),
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

function formOf(
  i: number,
  m: DemoMerchant,
  people: { salesRepId?: string | undefined; agentOrgId?: string | undefined },
): ApplicationForm {
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
    terminals: [
      m.protocolDemo
        ? { model: m.protocolDemo.model, count: m.protocolDemo.terminals, acceptance: ['card', 'qr'] }
        : { model: 'PAX A920', count: 1, acceptance: ['card', 'qr'] },
    ],
    attribution: {
      ...(m.broughtBy === 'sales' && people.salesRepId ? { salesRepId: people.salesRepId } : {}),
      ...(m.broughtBy === 'agent' && people.agentOrgId ? { agentOrgId: people.agentOrgId } : {}),
    },
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
  security: SecurityModule,
): Promise<void> {
  const [frontdesk, backoffice, approverBj, approverHq, engineer, ops] = await Promise.all(
    ['frontdesk', 'backoffice', 'approver.bj', 'approver.hq', 'engineer', 'ops'].map((u) =>
      contextForUser(deps, u),
    ),
  );
  const people = {
    salesRepId: (
      await deps.db.selectFrom('users').select('id').where('username', '=', 'sales').executeTakeFirst()
    )?.id,
    agentOrgId: (
      await deps.db.selectFrom('orgs').select('id').where('code', '=', 'BJAG01').executeTakeFirst()
    )?.id,
  };
  const live: { merchantId: string; name: string; mcc: string }[] = [];
  for (const [i, m] of demoMerchants.entries()) {
    const app = await createApplication(frontdesk!, {
      form: m.stage === 'draft' ? { business: { name: m.name, mcc: m.mcc } } : formOf(i + 1, m, people),
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
    const wentLive = await startGoLive(
      backoffice!,
      app.id,
      undefined,
      m.protocolDemo ? { presetMid: m.protocolDemo.mid } : {},
    );
    await useDemoPassword(deps.db, wentLive.portalLogin.username);
    await recordTraining(backoffice!, wentLive.merchantId, {
      trainerName: '李培训',
      trainedAt: deps.clock.now().toISOString(),
      topics: ['刷卡与扫码收款', '撤销与退货', '结算与对账单'],
      attendees: `${m.rep} 及收银员`,
    });
    const merchant = await getMerchant(engineer!, wentLive.merchantId);
    if (m.protocolDemo) {
      await installProtocolDemo(engineer!, storage, security, merchant.workOrders, m);
      // The protocol page promises limits that leave room for load tests: demo data, set directly.
      await deps.db
        .updateTable('merchants')
        .set({
          single_limit_minor: 5_000_000n,
          daily_limit_minor: 10_000_000_000n,
          monthly_limit_minor: 300_000_000_000n,
        })
        .where('id', '=', wentLive.merchantId)
        .execute();
      continue;
    }
    // From the Chaoyang outlet's demo stock (PAXA920-10000000 …).
    const install = merchant.workOrders[0]!.id;
    const position = { latitude: 39.9087 + i / 1000, longitude: 116.4605 + i / 1000 };
    await bindInstallation(engineer!, security, install, {
      serialNo: `PAXA920-${String(10_000_000 + i).slice(-8)}`,
      ...position,
    });
    await signOffDemoInstall(engineer!, storage, install, {
      result: '装机完成，测试交易成功，已培训收银员',
      position,
      reference: String(400_000_000_000 + i),
      signer: m.rep,
    });
    if (m.afterLive)
      await changeMerchantStatus(ops!, wentLive.merchantId, m.afterLive.event, m.afterLive.reason);
    else live.push({ merchantId: wentLive.merchantId, name: m.name, mcc: m.mcc });
  }
  await seedDemoChanges(deps, live);
}

/**
 * The chain store's terminals: each bound with its reserved TID (10000001, 10000002 …) and the published
 * test TMK, then signed off on site like any installation.
 */
async function installProtocolDemo(
  engineer: ServiceContext,
  storage: DocumentStorage,
  security: SecurityModule,
  workOrders: { id: string; kind: string }[],
  m: DemoMerchant,
) {
  const demo = m.protocolDemo!;
  const installs = workOrders.filter((w) => w.kind === 'install');
  for (const [n, order] of installs.entries()) {
    const position = { latitude: 39.9219 + n / 10_000, longitude: 116.4436 };
    await bindInstallation(
      engineer,
      security,
      order.id,
      { serialNo: `${demo.serialPrefix}${String(n).padStart(2, '0')}`, ...position },
      { tid: String(10_000_001 + n), tmkHex: DEMO_TMK },
    );
    await signOffDemoInstall(engineer, storage, order.id, {
      result: `收银台 ${n + 1} 装机完成，测试交易成功`,
      position,
      reference: String(500_000_000_000 + n),
      signer: m.rep,
    });
  }
}

/** On site: the photo of the unit at the counter, the test transaction, the merchant's signature. */
async function signOffDemoInstall(
  engineer: ServiceContext,
  storage: DocumentStorage,
  workOrderId: string,
  site: {
    result: string;
    position: { latitude: number; longitude: number };
    reference: string;
    signer: string;
  },
) {
  const upload = (kind: string, bytes: Uint8Array, fileName: string) =>
    uploadDocument(engineer, storage, {
      ownerType: 'work_order',
      ownerId: workOrderId,
      kind,
      fileName,
      bytes: Buffer.from(bytes),
    });
  await upload('site_photo', jpeg(), '装机照片.jpg');
  const signature = await upload('signature', png(), '商户签名.png');
  await finishFieldWork(engineer, workOrderId, {
    result: site.result,
    checklist: siteRequirements.install.checklist.map((c) => ({ item: c.item, passed: true })),
    ...site.position,
    testTransaction: { amountMinor: '1', reference: site.reference, approved: true },
    signOff: { signerName: site.signer, signatureDocumentId: signature.id },
  });
}

/**
 * 变更申请 in each state: a limits change waiting for the risk officer, a rate change approved for next
 * week, an address change applied (its relocation work order open), an account change returned.
 */
async function seedDemoChanges(
  deps: { db: Db; clock: Clock; config: AppConfig },
  live: { merchantId: string; name: string; mcc: string }[],
) {
  const [backoffice, approverBj, risk] = await Promise.all(
    ['backoffice', 'approver.bj', 'risk'].map((u) => contextForUser(deps, u)),
  );
  const today = businessDate(deps.clock.now(), deps.config.TZ_BUSINESS);
  // The rate change moves a dining merchant from its DINING plan to the standard one.
  const b = live.find((l) => l.mcc === '5812' || l.mcc === '5814');
  const [a, c, d] = live.filter((l) => l !== b);
  if (!a || !b || !c || !d) return;
  await requestChange(backoffice!, a.merchantId, {
    change: {
      kind: 'limits',
      singleLimitMinor: '3000000',
      dailyLimitMinor: '15000000',
      monthlyLimitMinor: '200000000',
    },
    effectiveDate: today,
    reason: '节假日客流增加，申请提高限额',
  });
  const current = await getMerchant(backoffice!, b.merchantId);
  const plan = (
    await deps.db.selectFrom('rate_plans').select(['id', 'code']).where('code', '=', 'STD').execute()
  ).find((p) => p.id !== current.rates.current?.ratePlanId);
  if (plan) {
    const rate = await requestChange(backoffice!, b.merchantId, {
      change: { kind: 'rate_plan', ratePlanId: plan.id },
      effectiveDate: addDays(today, 7),
      reason: '优惠期结束，恢复标准费率',
    });
    await decideApproval(approverBj!, rate.approvalId!, 'approve', '同意按标准费率执行');
  }
  const moved = await requestChange(backoffice!, c.merchantId, {
    change: { kind: 'address', address: { divisionCode: '110105', detail: '朝阳区望京街 10 号' } },
    effectiveDate: today,
    reason: '门店搬迁至望京',
  });
  await decideApproval(approverBj!, moved.approvalId!, 'approve', '已核实新址租赁合同');
  const account = await requestChange(backoffice!, d.merchantId, {
    change: {
      kind: 'settlement_account',
      settlement: {
        accountType: 'corporate',
        bankName: '中国建设银行',
        branchName: '北京东直门支行',
        accountNo: '11050162540000000123',
        holderName: d.name,
      },
    },
    effectiveDate: today,
    reason: '对公账户变更',
  });
  await decideApproval(approverBj!, account.approvalId!, 'approve', '同意');
  await decideApproval(risk!, account.approvalId!, 'return', '请补充新账户的开户许可证');
}
