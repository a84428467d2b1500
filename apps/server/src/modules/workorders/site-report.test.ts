import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { png, uploadDocument } from '../../../test/files';
import { activeMerchant, signOff } from '../../../test/merchant-fixtures';
import { consoleKnows } from '../../../test/messages';
import { loadConfig } from '../../platform/config';

let app: TestApp;
let engineer: Client;
let install: string;
let merchantId: string;

const passAll = (items: { item: string }[]) => items.map((c) => ({ item: c.item, passed: true }));
const upload = (id: string, kind: 'site_photo' | 'signature', client = engineer) =>
  uploadDocument(
    app.baseUrl,
    client,
    { ownerType: 'work_order', ownerId: id, kind },
    kind === 'signature' ? { bytes: png(), name: 'signature.png', type: 'image/png' } : undefined,
  );

beforeAll(async () => {
  app = await startTestApp({ WORK_ORDER_SLA_HOURS: 'install=24,repair=8' });
  engineer = await app.as('engineer');
  // Bound and keyed, not yet signed off.
  const m = await activeMerchant(
    app,
    '9144030071526726XG',
    '北京朝阳签收测试餐厅',
    'SITE-0001',
    {},
    {
      signedOff: false,
    },
  );
  merchantId = m.merchantId;
  const merchant = (await engineer.get(`/api/merchants/${merchantId}`)).body;
  install = merchant.workOrders.find((w: { kind: string }) => w.kind === 'install').id;
});
afterAll(async () => {
  await app?.stop();
});

describe('site work (现场作业): checklist, photos, test transaction, sign-off', () => {
  it('tells the engineer what the kind requires, with the configured SLA', async () => {
    const order = (await engineer.get(`/api/work-orders/${install}`)).body;
    expect(order).toMatchObject({
      kind: 'install',
      status: 'open',
      serialNo: 'SITE-0001',
      boundAt: expect.any(String),
      report: null,
      requirements: { minPhotos: 1, testTransaction: true, bindFirst: true },
    });
    expect(order.requirements.checklist.map((c: { item: string }) => c.item)).toContain('key_loaded');
    expect(Date.parse(order.dueAt) - Date.parse(order.createdAt)).toBe(24 * 3_600_000);
    expect(() => loadConfig({ WORK_ORDER_SLA_HOURS: 'install=soon' })).toThrow(/WORK_ORDER_SLA_HOURS/);
    expect(() => loadConfig({ WORK_ORDER_SLA_HOURS: 'install=0' })).toThrow(/WORK_ORDER_SLA_HOURS/);
  });

  it('refuses an incomplete report on the field at fault, and changes nothing', async () => {
    const order = (await engineer.get(`/api/work-orders/${install}`)).body;
    const signature = await upload(install, 'signature');
    expect(signature.status).toBe(201);
    const valid = {
      result: '装机完成',
      checklist: passAll(order.requirements.checklist),
      testTransaction: { amountMinor: '1', reference: '000000123456', approved: true },
      signOff: { signerName: '店长', signatureDocumentId: signature.body.id },
    };
    const finish = (body: object) => engineer.post(`/api/work-orders/${install}/finish`, body);
    const cases: [object, string, string][] = [
      [{ ...valid, checklist: valid.checklist.slice(1) }, 'checklist', 'site.missing_items'],
      [
        { ...valid, checklist: [...valid.checklist, { item: 'paint_dry', passed: true }] },
        'checklist',
        'site.unknown_item',
      ],
      [{ ...valid, checklist: [...valid.checklist, valid.checklist[0]] }, 'checklist', 'site.duplicate_item'],
      [
        {
          ...valid,
          checklist: valid.checklist.map((c) => (c.item === 'key_loaded' ? { ...c, passed: false } : c)),
        },
        'checklist.key_loaded',
        'site.must_pass',
      ],
      [valid, 'photos', 'site.photos'],
    ];
    for (const [body, field, key] of cases) {
      const refused = await finish(body);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual([field]);
      expect(refused.body.fieldMessages[field].key).toBe(key);
      expect(consoleKnows(key)).toBe(true);
    }
    expect((await upload(install, 'site_photo')).status).toBe(201);
    const { testTransaction: _, ...untested } = valid;
    const more: [object, string, string][] = [
      [untested, 'testTransaction', 'site.test_required'],
      [
        { ...valid, testTransaction: { ...valid.testTransaction, approved: false } },
        'testTransaction.approved',
        'site.test_declined',
      ],
      [
        { ...valid, signOff: { ...valid.signOff, signatureDocumentId: crypto.randomUUID() } },
        'signOff.signatureDocumentId',
        'site.no_signature',
      ],
    ];
    for (const [body, field, key] of more) {
      const refused = await finish(body);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.fieldMessages[field].key).toBe(key);
      expect(consoleKnows(key)).toBe(true);
    }
    const malformed = await finish({
      ...valid,
      testTransaction: { ...valid.testTransaction, amountMinor: '0' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toHaveProperty(['testTransaction.amountMinor']);
    // Nothing moved: the work order is open, the unit installed, the merchant onboarding, no report.
    expect((await engineer.get(`/api/work-orders/${install}`)).body).toMatchObject({
      status: 'open',
      report: null,
    });
    expect((await engineer.get('/api/terminals/by-serial/SITE-0001')).body.status).toBe('installed');
    expect((await engineer.get(`/api/merchants/${merchantId}`)).body.status).toBe('onboarding');
  });

  it('closes with the report: the unit active on its test transaction, the merchant live, the record fixed', async () => {
    const order = (await engineer.get(`/api/work-orders/${install}`)).body;
    const docs = (await engineer.get(`/api/documents?ownerType=work_order&ownerId=${install}`)).body
      .items as { id: string; kind: string }[];
    const signature = docs.find((d) => d.kind === 'signature')!;
    const done = await engineer.post(`/api/work-orders/${install}/finish`, {
      result: '装机完成，测试交易成功',
      checklist: passAll(order.requirements.checklist),
      latitude: 39.9087,
      longitude: 116.4605,
      testTransaction: { amountMinor: '1', reference: '000000123456', approved: true },
      signOff: { signerName: '店长 王芳', signatureDocumentId: signature.id },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('active');
    const closed = (await engineer.get(`/api/work-orders/${install}`)).body;
    expect(closed).toMatchObject({
      status: 'completed',
      report: {
        result: '装机完成，测试交易成功',
        photoCount: 1,
        location: { latitude: 39.9087, longitude: 116.4605 },
        testTransaction: { amountMinor: '1', reference: '000000123456', approved: true },
        signOff: { signerName: '店长 王芳', signatureDocumentId: signature.id },
        reportedBy: '安装工',
      },
    });
    const unit = (await engineer.get('/api/terminals/by-serial/SITE-0001')).body;
    expect(unit.status).toBe('active');
    expect(unit.history[0]).toMatchObject({ event: 'activate' });
    // The photos and the signature are the record now: neither added to nor removed.
    expect((await upload(install, 'site_photo')).status).toBe(409);
    expect((await engineer.delete(`/api/documents/${signature.id}`)).status).toBe(409);
  });

  it('records an inspection’s failed items as findings, with a note each, and tells risk', async () => {
    const ops = await app.as('ops');
    const unit = (await ops.get('/api/terminals/by-serial/SITE-0001')).body;
    const opened = await ops.post(`/api/terminals/${unit.id}/work-orders`, {
      kind: 'inspection',
      note: '季度巡检',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id as string;
    const order = (await engineer.get(`/api/work-orders/${id}`)).body;
    expect(order.requirements).toMatchObject({ minPhotos: 1, testTransaction: false, bindFirst: false });
    await upload(id, 'site_photo');
    const signature = (await upload(id, 'signature')).body;
    const checklist = order.requirements.checklist.map((c: { item: string }) =>
      c.item === 'acceptance_sign' ? { item: c.item, passed: false } : { item: c.item, passed: true },
    );
    const body = {
      result: '受理标识缺失',
      checklist,
      signOff: { signerName: '店长', signatureDocumentId: signature.id },
    };
    const noNote = await engineer.post(`/api/work-orders/${id}/finish`, body);
    expect(noNote.status).toBe(400);
    expect(noNote.body.fieldMessages['checklist.acceptance_sign'].key).toBe('site.note_required');
    checklist.find((c: { item: string }) => c.item === 'acceptance_sign').note = '受理标识被撕掉，已补贴';
    const done = await engineer.post(`/api/work-orders/${id}/finish`, body);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await engineer.get(`/api/work-orders/${id}`)).body.report.checklist).toContainEqual({
      item: 'acceptance_sign',
      passed: false,
      note: '受理标识被撕掉，已补贴',
    });
    const risk = await app.as('risk');
    const notes = (await risk.get('/api/notifications?limit=20')).body.items as { kind: string }[];
    expect(notes.some((n) => n.kind === 'workorder.findings')).toBe(true);
    // The repair SLA is the configured 8 hours.
    const repair = await ops.post(`/api/terminals/${unit.id}/work-orders`, {
      kind: 'repair',
      note: '打印模糊',
    });
    const due = (await ops.get(`/api/work-orders/${repair.body.id}`)).body;
    expect(Date.parse(due.dueAt) - Date.parse(due.createdAt)).toBe(8 * 3_600_000);
  });

  it('keeps another branch out of the work order and its documents', async () => {
    const shOps = await app.as('sh.ops');
    expect((await shOps.get(`/api/work-orders/${install}`)).status).toBe(404);
    const ops = await app.as('ops');
    const unit = (await ops.get('/api/terminals/by-serial/SITE-0001')).body;
    const repair = (await ops.get('/api/work-orders?kind=repair&status=open')).body.items[0];
    expect(unit.id).toBeTruthy();
    expect((await upload(repair.id, 'site_photo', shOps)).status).toBe(404);
    // The engineer's own upload goes through.
    expect((await upload(repair.id, 'site_photo')).status).toBe(201);
    const finished = await signOff(app, engineer, repair.id, { result: '更换打印头' });
    expect(finished.status, JSON.stringify(finished.body)).toBe(200);
  });
});
