import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { activeMerchant, finishAgain, nextCardNumber, signOff } from '../../../test/merchant-fixtures';
import { consoleKnows } from '../../../test/messages';
import { merchantRatesOn } from './merchant-profile';

let app: TestApp;
let backoffice: Client;
let approverBj: Client;
let approverHq: Client;
let risk: Client;
let shOps: Client;
let frontdesk: Client;
let merchant: { merchantId: string; mid: string };
let other: { merchantId: string; mid: string };

const DAY = 86_400_000;
const today = () => new Date(app.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysAhead = (n: number) =>
  new Date(app.clock.now().getTime() + 8 * 3_600_000 + n * DAY).toISOString().slice(0, 10);

const newAccount = (accountNo = nextCardNumber()) => ({
  kind: 'settlement_account',
  settlement: {
    accountType: 'personal',
    bankName: '中国建设银行',
    branchName: '北京望京支行',
    accountNo,
    holderName: '张伟',
  },
});

async function decide(client: Client, approvalId: string, action = 'approve', comment?: string) {
  const res = await client.post(`/api/approvals/${approvalId}/${action}`, comment ? { comment } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const runJob = () => app.jobs.find((j) => j.name === 'merchants.effective-changes')!.run();

/** Signs everyone in again: the tests move the clock by days, past any session's lifetime. */
async function signIn() {
  backoffice = await app.as('backoffice');
  approverBj = await app.as('approver.bj');
  approverHq = await app.as('approver.hq');
  risk = await app.as('risk');
  shOps = await app.as('sh.ops');
  frontdesk = await app.as('frontdesk');
}

beforeEach(signIn);

beforeAll(async () => {
  app = await startTestApp();
  merchant = await activeMerchant(app, '9144030071526726XG', '北京朝阳变更测试餐厅', 'SN-CHG-0001');
  other = await activeMerchant(app, '91330100799655058B', '北京海淀变更测试超市', 'SN-CHG-0002');
});
afterAll(async () => {
  await app?.stop();
});

describe('merchant change requests (商户变更)', () => {
  it('changes the settlement account after the branch and a risk officer approve, masked everywhere', async () => {
    const accountNo = nextCardNumber();
    const before = (await backoffice.get(`/api/merchants/${merchant.merchantId}`)).body.settlement;
    const requested = await backoffice.post(`/api/merchants/${merchant.merchantId}/changes`, {
      change: newAccount(accountNo),
      effectiveDate: today(),
      reason: '商户更换结算银行',
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    const change = requested.body;
    expect(change).toMatchObject({
      status: 'pending_approval',
      kind: 'settlement_account',
      merchantMid: merchant.mid,
    });
    expect(change.after.accountNo).toContain('*');
    expect(change.after.accountNo).not.toBe(accountNo);
    expect(change.before.accountNo).toBe(before.accountNo);

    await decide(approverBj, change.approvalId);
    // The chain's second step: the merchant keeps its account until the risk officer approves too.
    expect((await backoffice.get(`/api/merchant-changes/${change.id}`)).body.status).toBe('pending_approval');
    expect((await backoffice.get(`/api/merchants/${merchant.merchantId}`)).body.settlement.accountNo).toBe(
      before.accountNo,
    );
    await decide(risk, change.approvalId);
    const applied = (await backoffice.get(`/api/merchant-changes/${change.id}`)).body;
    expect(applied.status).toBe('applied');
    expect(applied.appliedAt).not.toBeNull();
    const after = (await backoffice.get(`/api/merchants/${merchant.merchantId}`)).body.settlement;
    expect(after).toMatchObject({ bankName: '中国建设银行', branchName: '北京望京支行' });
    expect(after.accountNo).toBe(change.after.accountNo);

    // The clear number is in no table and no audit row.
    for (const table of ['merchants', 'merchant_change_requests', 'audit_log', 'approval_requests']) {
      const { rows } = await sql<{ n: bigint }>`
        SELECT count(*) AS n FROM ${sql.table(table)} t WHERE t::text LIKE ${`%${accountNo}%`}`.execute(
        app.db,
      );
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    const history = (await backoffice.get(`/api/merchants/${merchant.merchantId}/history`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['merchant.change.request', 'merchant.change.approve', 'merchant.change.apply']),
    );
  });

  it('refuses bad changes precisely and creates nothing', async () => {
    const count = async () =>
      Number(
        (await sql<{ n: bigint }>`SELECT count(*) AS n FROM merchant_change_requests`.execute(app.db))
          .rows[0]!.n,
      );
    const n = await count();
    const post = (body: object) => backoffice.post(`/api/merchants/${other.merchantId}/changes`, body);
    const limits = await post({
      change: {
        kind: 'limits',
        singleLimitMinor: '500000',
        dailyLimitMinor: '400000',
        monthlyLimitMinor: '9000000',
      },
      effectiveDate: today(),
      reason: '调整限额',
    });
    expect(limits.status).toBe(400);
    expect(limits.body.fields).toHaveProperty(['change.dailyLimitMinor']);
    const rateToday = await post({
      change: { kind: 'rate_plan', ratePlanId: '00000000-0000-4000-8000-000000000000' },
      effectiveDate: today(),
      reason: '调整费率',
    });
    expect(rateToday.status).toBe(400);
    expect(rateToday.body.fields).toHaveProperty('effectiveDate');
    const past = await post({ change: newAccount(), effectiveDate: daysAhead(-1), reason: '更换账户' });
    expect(past.status).toBe(400);
    expect(past.body.fields).toHaveProperty('effectiveDate');
    const badLuhn = await post({
      change: newAccount('4111111111111112'),
      effectiveDate: today(),
      reason: '更换账户',
    });
    expect(badLuhn.status).toBe(400);
    expect(badLuhn.body.fields).toHaveProperty(['change.settlement.accountNo']);
    const district = await post({
      change: { kind: 'address', address: { divisionCode: '110100', detail: '朝阳路1号' } },
      effectiveDate: today(),
      reason: '搬迁',
    });
    expect(district.status).toBe(400);
    expect(district.body.fields).toHaveProperty(['change.address.divisionCode']);

    // An account on the blacklist is refused.
    const listed = nextCardNumber();
    expect(
      (await risk.post('/api/blacklist', { kind: 'account', value: listed, reason: '涉嫌套现' })).status,
    ).toBe(201);
    const blacklisted = await post({
      change: newAccount(listed),
      effectiveDate: today(),
      reason: '更换账户',
    });
    expect(blacklisted.status).toBe(400);
    expect(blacklisted.body.fields['change.settlement.accountNo']).toMatch(/blacklist/);

    // Front desk may not request changes at all.
    expect(
      (
        await frontdesk.post(`/api/merchants/${other.merchantId}/changes`, {
          change: newAccount(),
          effectiveDate: today(),
          reason: '更换账户',
        })
      ).status,
    ).toBe(403);
    // Each refusal also comes as a message key the console translates.
    for (const refusal of [limits, rateToday, past, badLuhn, district, blacklisted]) {
      const keys = Object.values(refusal.body.fieldMessages as Record<string, { key: string }>).map(
        (m) => m.key,
      );
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(consoleKnows(`${key}`), key).toBe(true);
    }
    expect(await count()).toBe(n);
  });

  it('applies a rate change on its effective date and never rewrites the rates of a past day', async () => {
    const plans = (await backoffice.get('/api/rate-plans')).body.items as {
      id: string;
      code: string;
      mccCategory: string | null;
    }[];
    const current = (await backoffice.get(`/api/merchants/${other.merchantId}`)).body;
    const target = plans.find((p) => p.id !== current.rates.current?.ratePlanId && p.mccCategory === null);
    expect(target).toBeDefined();
    const effective = daysAhead(2);
    const requested = await backoffice.post(`/api/merchants/${other.merchantId}/changes`, {
      change: { kind: 'rate_plan', ratePlanId: target!.id },
      effectiveDate: effective,
      reason: '年度费率调整',
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    await decide(approverBj, requested.body.approvalId);
    expect((await backoffice.get(`/api/merchant-changes/${requested.body.id}`)).body.status).toBe(
      'scheduled',
    );
    expect(await runJob()).toBe(0);

    app.clock.advance(2 * DAY);
    await signIn();
    expect(today()).toBe(effective);
    expect(await runJob()).toBe(1);
    expect(await runJob()).toBe(0);
    const after = (await backoffice.get(`/api/merchants/${other.merchantId}`)).body;
    expect(after.rates.current).toMatchObject({ ratePlanId: target!.id, effectiveFrom: effective });
    expect(after.rates.history).toHaveLength(2);
    expect((await merchantRatesOn(app.db, other.merchantId, daysAhead(-1)))?.ratePlanId).toBe(
      current.rates.history[0].ratePlanId,
    );
    expect((await merchantRatesOn(app.db, other.merchantId, effective))?.ratePlanId).toBe(target!.id);
  });

  it('keeps one open request per kind, takes returns, resubmission and cancellation', async () => {
    const first = await backoffice.post(`/api/merchants/${other.merchantId}/changes`, {
      change: {
        kind: 'limits',
        singleLimitMinor: '300000',
        dailyLimitMinor: '3000000',
        monthlyLimitMinor: '30000000',
      },
      effectiveDate: daysAhead(1),
      reason: '风险复评后下调限额',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await backoffice.post(`/api/merchants/${other.merchantId}/changes`, {
      change: {
        kind: 'limits',
        singleLimitMinor: '200000',
        dailyLimitMinor: '2000000',
        monthlyLimitMinor: '20000000',
      },
      effectiveDate: daysAhead(1),
      reason: '再次调整',
    });
    expect(again.status).toBe(409);

    // The risk officer returns it; the generic maker action cannot bypass the change request.
    await decide(risk, first.body.approvalId, 'return', '日限额请与月限额匹配');
    const returned = (await backoffice.get(`/api/merchant-changes/${first.body.id}`)).body;
    expect(returned).toMatchObject({ status: 'returned', closedReason: '日限额请与月限额匹配' });
    expect(returned.allowedActions).toEqual(expect.arrayContaining(['resubmit', 'cancel']));
    expect((await backoffice.post(`/api/approvals/${first.body.approvalId}/resubmit`, {})).status).not.toBe(
      200,
    );
    expect((await backoffice.get(`/api/merchant-changes/${first.body.id}`)).body.status).toBe('returned');

    const resubmitted = await backoffice.post(`/api/merchant-changes/${first.body.id}/resubmit`, {
      change: {
        kind: 'limits',
        singleLimitMinor: '300000',
        dailyLimitMinor: '2000000',
        monthlyLimitMinor: '30000000',
      },
      effectiveDate: daysAhead(1),
      reason: '风险复评后下调限额（已修改）',
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    expect(resubmitted.body).toMatchObject({
      status: 'pending_approval',
      after: { dailyLimitMinor: '2000000' },
    });
    await decide(risk, first.body.approvalId);
    await decide(approverBj, first.body.approvalId);
    expect((await backoffice.get(`/api/merchant-changes/${first.body.id}`)).body.status).toBe('scheduled');

    const cancelled = await backoffice.post(`/api/merchant-changes/${first.body.id}/cancel`, {
      reason: '商户撤回申请',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', closedReason: '商户撤回申请' });
    app.clock.advance(DAY);
    await signIn();
    expect(await runJob()).toBe(0);
    expect((await backoffice.get(`/api/merchants/${other.merchantId}`)).body.dailyLimitMinor).not.toBe(
      '2000000',
    );
    expect(
      (await backoffice.post(`/api/merchant-changes/${first.body.id}/cancel`, { reason: '再次' })).status,
    ).toBe(409);
  });

  it('asks the head office too for a high monthly limit, and a rejection changes nothing', async () => {
    const requested = await backoffice.post(`/api/merchants/${other.merchantId}/changes`, {
      change: {
        kind: 'limits',
        singleLimitMinor: '5000000',
        dailyLimitMinor: '50000000',
        monthlyLimitMinor: '600000000',
      },
      effectiveDate: today(),
      reason: '旺季扩大限额',
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    expect(requested.body.findings.length).toBeGreaterThan(0);
    const approval = (await approverHq.get(`/api/approvals/${requested.body.approvalId}`)).body;
    expect(approval.steps).toHaveLength(3);
    await decide(risk, requested.body.approvalId);
    await decide(approverBj, requested.body.approvalId);
    await decide(approverHq, requested.body.approvalId, 'reject', '超出风险偏好');
    const rejected = (await backoffice.get(`/api/merchant-changes/${requested.body.id}`)).body;
    expect(rejected).toMatchObject({ status: 'rejected', closedReason: '超出风险偏好' });
    expect((await backoffice.get(`/api/merchants/${other.merchantId}`)).body.monthlyLimitMinor).not.toBe(
      '600000000',
    );
  });

  it('opens a relocation work order for each installed terminal when a new address takes effect', async () => {
    const requested = await backoffice.post(`/api/merchants/${merchant.merchantId}/changes`, {
      change: { kind: 'address', address: { divisionCode: '110108', detail: '中关村大街27号' } },
      effectiveDate: today(),
      reason: '门店搬迁',
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    expect(requested.body.findings[0].message).toMatch(/relocation/);
    expect(requested.body.findings[0]).toMatchObject({ key: 'change.relocation', params: { count: 1 } });
    expect(consoleKnows(requested.body.findings[0].key)).toBe(true);
    await decide(approverBj, requested.body.approvalId);
    const after = (await backoffice.get(`/api/merchants/${merchant.merchantId}`)).body;
    expect(after.address).toMatchObject({ divisionCode: '110108', detail: '中关村大街27号' });
    expect(after.address.divisionNames).toContain('海淀区');
    const relocation = after.workOrders.filter((w: { kind: string }) => w.kind === 'relocation');
    expect(relocation).toEqual([expect.objectContaining({ status: 'open', serialNo: 'SN-CHG-0001' })]);
    // 移机: the engineer finishes it on site; the unit's binding moves to the new address, nothing else.
    const engineer = await app.as('engineer');
    const before = (await engineer.get('/api/terminals/by-serial/SN-CHG-0001')).body;
    expect(before.binding.address).toContain('朝阳');
    const finished = await signOff(app, engineer, relocation[0].id, {
      result: '已移至新址并测试交易成功',
      latitude: 39.9834,
      longitude: 116.3165,
    });
    expect(finished.status, JSON.stringify(finished.body)).toBe(200);
    const after2 = (await engineer.get('/api/terminals/by-serial/SN-CHG-0001')).body;
    expect(after2.binding).toMatchObject({
      tid: before.binding.tid,
      mid: before.binding.mid,
      latitude: 39.9834,
    });
    expect(after2.binding.address).toContain('中关村大街27号');
    expect(after2.history[0]).toMatchObject({ event: 'relocate' });
    expect((await engineer.post(`/api/work-orders/${relocation[0].id}/finish`, finishAgain)).status).toBe(
      409,
    );
  });

  it('is invisible to another branch, and closing the merchant ends its open requests', async () => {
    const requested = await backoffice.post(`/api/merchants/${merchant.merchantId}/changes`, {
      change: newAccount(),
      effectiveDate: daysAhead(3),
      reason: '更换账户',
    });
    expect(requested.status).toBe(200);
    expect((await shOps.get(`/api/merchant-changes/${requested.body.id}`)).status).toBe(404);
    expect(
      (await shOps.post(`/api/merchant-changes/${requested.body.id}/cancel`, { reason: '越权' })).status,
    ).toBe(404);
    expect(
      (await shOps.get('/api/merchant-changes')).body.items.some(
        (c: { id: string }) => c.id === requested.body.id,
      ),
    ).toBe(false);
    const ops = await app.as('ops');
    expect(
      (await ops.post(`/api/merchants/${merchant.merchantId}/status`, { event: 'close', reason: '商户歇业' }))
        .status,
    ).toBe(200);
    const ended = (await backoffice.get(`/api/merchant-changes/${requested.body.id}`)).body;
    expect(ended.status).toBe('cancelled');
    expect(ended.closedReason).toMatch(/closed/);
    expect((await approverHq.get(`/api/approvals/${requested.body.approvalId}`)).body.status).toBe(
      'cancelled',
    );
    const refused = await backoffice.post(`/api/merchants/${merchant.merchantId}/changes`, {
      change: newAccount(),
      effectiveDate: today(),
      reason: '更换账户',
    });
    expect(refused.status).toBe(409);
  });
});

describe('merchant list filters and the 360° view', () => {
  it('filters by grade, org subtree and sales rep, and shows the profile with documents and terminals', async () => {
    const all = (await backoffice.get('/api/merchants')).body.items as { id: string; riskGrade: string }[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    const grade = all[0]!.riskGrade;
    const byGrade = (await backoffice.get(`/api/merchants?grade=${grade}`)).body.items as {
      riskGrade: string;
    }[];
    expect(byGrade.every((m) => m.riskGrade === grade)).toBe(true);
    const sh = (await sql<{ id: string }>`SELECT id FROM orgs WHERE code = 'SH'`.execute(app.db)).rows[0]!.id;
    const bj = (await sql<{ id: string }>`SELECT id FROM orgs WHERE code = 'BJ'`.execute(app.db)).rows[0]!.id;
    expect((await backoffice.get(`/api/merchants?orgId=${sh}`)).body.items).toHaveLength(0);
    expect((await backoffice.get(`/api/merchants?orgId=${bj}`)).body.items.length).toBe(all.length);
    const sales = (await sql<{ id: string }>`SELECT id FROM users WHERE username = 'sales'`.execute(app.db))
      .rows[0]!.id;
    expect((await backoffice.get(`/api/merchants?salesRepId=${sales}`)).body.items).toHaveLength(0);

    const m = (await backoffice.get(`/api/merchants/${other.merchantId}`)).body;
    expect(m.settlement.accountNo).toContain('*');
    expect(m.contract).toMatchObject({ status: 'signed', signerName: '张伟' });
    expect(m.terminals).toEqual([expect.objectContaining({ serialNo: 'SN-CHG-0002', model: 'PAX A920' })]);
    expect(m.documents.map((d: { kind: string }) => d.kind)).toEqual(
      expect.arrayContaining(['id_front', 'licence', 'contract_pdf']),
    );
    expect(m.assessment.grade).toBe(m.riskGrade);
    expect(m.attribution.org.name).toBeTruthy();
  });
});
