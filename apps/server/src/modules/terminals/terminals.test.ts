import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { activeMerchant } from '../../../test/merchant-fixtures';
import { consoleKnows } from '../../../test/messages';
import { importFile, stockTerminals, warehouseIdOf } from '../../../test/terminal-fixtures';
import { keyCheckValue } from '../security';

let app: TestApp;
let procurement: Client;
let ops: Client;
let engineer: Client;
let shOps: Client;
let bjcy: string;

const csv = (lines: string[]) => ({ bytes: Buffer.from(lines.join('\n')), name: 'units.csv' });
const countTerminals = async () =>
  Number((await sql<{ n: bigint }>`SELECT count(*) AS n FROM terminals`.execute(app.db)).rows[0]!.n);

beforeAll(async () => {
  app = await startTestApp();
  procurement = await app.as('procurement');
  ops = await app.as('ops');
  engineer = await app.as('engineer');
  shOps = await app.as('sh.ops');
  bjcy = await warehouseIdOf(app, 'BJCY');
});
afterAll(async () => {
  await app?.stop();
});

describe('the catalogue (机型目录, 供应商)', () => {
  it('adds models and suppliers, refuses a duplicate on its field, and is maintained only by those allowed', async () => {
    const created = await procurement.post('/api/terminal-models', {
      brand: 'Ingenico',
      model: 'Move5000',
      type: 'traditional',
      capabilities: ['magstripe', 'ic', 'contactless'],
      unitPriceMinor: '99000',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ brand: 'Ingenico', status: 'active', units: 0 });
    const again = await procurement.post('/api/terminal-models', {
      brand: 'Ingenico',
      model: 'Move5000',
      type: 'smart',
      capabilities: ['qr'],
      unitPriceMinor: '1',
    });
    expect(again.status).toBe(400);
    expect(again.body.fields.model).toMatch(/already in the catalogue/);
    const badCapability = await procurement.post('/api/terminal-models', {
      brand: 'X',
      model: 'Y',
      type: 'smart',
      capabilities: ['telepathy'],
      unitPriceMinor: '1',
    });
    expect(badCapability.status).toBe(400);
    expect(
      (
        await engineer.post('/api/suppliers', {
          name: '某供应商',
          qualification: '营业执照',
          contactName: '王五',
          contactPhone: '010-12345678',
          rating: 3,
        })
      ).status,
    ).toBe(403);
    const supplier = await procurement.post('/api/suppliers', {
      name: '上海某终端科技有限公司',
      qualification: 'PCI PTS 6.x；营业执照',
      contactName: '王五',
      contactPhone: '021-12345678',
      rating: 3,
    });
    expect(supplier.status).toBe(201);
    expect((await procurement.post(`/api/terminal-models/${created.body.id}/retire`)).body.status).toBe(
      'retired',
    );
  });
});

describe('importing serial numbers into stock (入库导入)', () => {
  it('names every bad row and column and imports nothing', async () => {
    await stockTerminals(app, ['DUP-EXISTING-1']);
    const before = await countTerminals();
    const result = await importFile(
      app,
      procurement,
      bjcy,
      csv([
        'serial_no,brand,model,supplier,purchased_at,firmware',
        'GOOD-0001,PAX,A920,,2026-10-01,1.4.0',
        'GOOD-0001,PAX,A920,,,',
        'DUP-EXISTING-1,PAX,A920,,,',
        'BAD SERIAL,PAX,A920,,,',
        'GOOD-0002,Acme,Nothing,,,',
        'GOOD-0003,PAX,A920,无此供应商,,',
        'GOOD-0004,PAX,A920,,2026-13-45,',
        'GOOD-0005,PAX,A920,,2099-01-01,',
        ',,,,,',
        'GOOD-0006,PAX,A920,,,',
      ]),
    );
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.imported).toBe(0);
    for (const e of result.body.errors as { key: string }[]) expect(consoleKnows(e.key), e.key).toBe(true);
    expect(
      result.body.errors.map(
        ({ row, column, message }: { row: number; column: string; message: string }) => ({
          row,
          column,
          message,
        }),
      ),
    ).toEqual([
      { row: 3, column: 'serial_no', message: 'GOOD-0001 is also on row 2' },
      { row: 4, column: 'serial_no', message: 'DUP-EXISTING-1 is already in the ledger' },
      {
        row: 5,
        column: 'serial_no',
        message: '"BAD SERIAL" is not a serial number (4–40 letters, digits, -)',
      },
      { row: 6, column: 'model', message: 'Acme Nothing is not in the model catalogue' },
      { row: 7, column: 'supplier', message: '无此供应商 is not a supplier' },
      { row: 8, column: 'purchased_at', message: '"2026-13-45" is not a date (YYYY-MM-DD)' },
      { row: 9, column: 'purchased_at', message: '2099-01-01 is in the future' },
    ]);
    expect(await countTerminals()).toBe(before);
  });

  it('refuses a file without the required columns, and a warehouse out of reach', async () => {
    const noModel = await importFile(app, procurement, bjcy, csv(['serial_no,brand', 'X-0001,PAX']));
    expect(noModel.status).toBe(400);
    expect(noModel.body.fields.file).toMatch(/lacks model/);
    const sh = await warehouseIdOf(app, 'SH');
    const bjOps = await app.as('bj.ops');
    expect((await importFile(app, bjOps, sh, csv(['serial_no,brand,model', 'X-0002,PAX,A920']))).status).toBe(
      400,
    );
  });

  it('reads a GBK CSV with Chinese headers, and an Excel workbook', async () => {
    const gbk = Buffer.from(
      new Uint8Array(
        // "序列号,品牌,型号\r\nGBK-0001,PAX,S90\r\n" in GBK: the two-byte Chinese characters as Excel saves them.
        [
          0xd0,
          0xf2,
          0xc1,
          0xd0,
          0xba,
          0xc5,
          0x2c,
          0xc6,
          0xb7,
          0xc5,
          0xc6,
          0x2c,
          0xd0,
          0xcd,
          0xba,
          0xc5,
          0x0d,
          0x0a,
          ...Buffer.from('GBK-0001,PAX,S90\r\n'),
        ],
      ),
    );
    const fromGbk = await importFile(app, procurement, bjcy, { bytes: gbk, name: '入库.csv' });
    expect(fromGbk.body, JSON.stringify(fromGbk.body)).toEqual({ imported: 1, errors: [] });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('入库');
    sheet.addRow(['序列号', '品牌', '型号', '采购日期']);
    sheet.addRow(['XLSX-0001', 'PAX', 'A920', new Date('2026-10-08T00:00:00Z')]);
    sheet.addRow([12345678, 'Newland', 'ME51', null]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromExcel = await importFile(app, procurement, bjcy, { bytes, name: '入库.xlsx' });
    expect(fromExcel.body, JSON.stringify(fromExcel.body)).toEqual({ imported: 2, errors: [] });
    const unit = await procurement.get('/api/terminals/by-serial/XLSX-0001');
    expect(unit.body).toMatchObject({ status: 'in_stock', modelName: 'PAX A920', purchasedAt: '2026-10-08' });
    expect(unit.body.history[0]).toMatchObject({ event: 'receive', toStatus: 'in_stock' });
    expect((await procurement.get('/api/terminals/by-serial/12345678')).body.modelName).toBe('Newland ME51');
  });

  it('imports 10,000 units in one go, all or nothing', async () => {
    const lines = ['serial_no,brand,model'];
    for (let i = 0; i < 10_000; i++) lines.push(`BULK-${String(i).padStart(6, '0')},Newland,ME51`);
    const started = performance.now();
    const result = await importFile(app, procurement, await warehouseIdOf(app, 'BJ'), csv(lines));
    expect(result.body).toEqual({ imported: 10_000, errors: [] });
    expect(performance.now() - started).toBeLessThan(20_000);
    const page = await procurement.get('/api/terminals?q=BULK-00999&limit=50');
    expect(page.body.items.map((t: { serialNo: string }) => t.serialNo).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `BULK-00999${i}`),
    );
  });
});

describe('the terminal lifecycle (机具生命周期)', () => {
  it('moves along its state machine with reasons and refuses every other move', async () => {
    await stockTerminals(app, ['LIFE-0001']);
    const unit = (await ops.get('/api/terminals/by-serial/LIFE-0001')).body;
    expect(unit.allowedEvents.sort()).toEqual(['report_fault', 'report_lost', 'retire']);
    const move = (event: string) =>
      ops.post(`/api/terminals/${unit.id}/events`, { event, reason: '巡检发现' });
    const refused = await move('repaired');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'terminal: cannot repaired when in_stock',
    });
    expect((await move('report_fault')).body.status).toBe('faulty');
    expect((await move('send_to_repair')).body.status).toBe('in_repair');
    expect((await move('found')).status).toBe(409);
    expect((await move('repaired')).status).toBe(400);
    const back = (
      await ops.post(`/api/terminals/${unit.id}/events`, {
        event: 'repaired',
        reason: '厂商修复',
        repair: {
          cause: '主板电源模块损坏',
          parts: '电源模块 ×1',
          costMinor: '18000',
          vendor: '深圳百富售后',
        },
      })
    ).body;
    expect(back.history[0].detail.repair).toMatchObject({ cause: '主板电源模块损坏', costMinor: '18000' });
    expect(back).toMatchObject({ status: 'in_stock', warehouseName: expect.stringContaining('朝阳') });
    expect((await move('report_lost')).body.status).toBe('lost');
    expect((await move('found')).body.status).toBe('in_stock');
    expect((await move('retire')).body.status).toBe('retired');
    // 报废: only by approval; the branch approver decides a unit under 5,000 yuan.
    expect((await ops.post(`/api/terminals/${unit.id}/scrap`, { reason: '多次维修无效' })).status).toBe(200);
    expect((await ops.post(`/api/terminals/${unit.id}/scrap`, { reason: '再次申请' })).status).toBe(409);
    const approverBj = await app.as('approver.bj');
    const inbox = (await approverBj.get('/api/approvals?box=inbox&limit=50')).body.items as {
      id: string;
      type: string;
    }[];
    const scrap = inbox.find((r) => r.type === 'terminal.scrap')!;
    expect((await approverBj.post(`/api/approvals/${scrap.id}/approve`, {})).body.status).toBe('approved');
    expect((await ops.get(`/api/terminals/${unit.id}`)).body.status).toBe('scrapped');
    const final = (await ops.get(`/api/terminals/${unit.id}`)).body;
    expect(final.allowedEvents).toEqual([]);
    expect(final.history.map((h: { event: string }) => h.event)).toEqual([
      'scrap',
      'retire',
      'found',
      'report_lost',
      'repaired',
      'send_to_repair',
      'report_fault',
      'receive',
    ]);
    // The engineer reads; moves need terminal.manage (the engineer has it), the analyst may not.
    const analyst = await app.as('analyst');
    expect(
      (await analyst.post(`/api/terminals/${unit.id}/events`, { event: 'found', reason: 'x1' })).status,
    ).toBe(403);
  });
});

describe('installation: binding and key injection (装机绑定, 密钥灌装)', () => {
  it('binds the unit to one merchant with its TID, keeps only the sealed TMK, and shows the clear key once', async () => {
    const m = await activeMerchant(app, '9144030071526726XG', '北京朝阳机具测试餐厅', 'BIND-0001');
    const unit = (await ops.get('/api/terminals/by-serial/BIND-0001')).body;
    expect(unit).toMatchObject({
      // Activated by the approved test transaction at the sign-off.
      status: 'active',
      merchantId: m.merchantId,
      mid: m.mid,
      warehouseId: null,
    });
    expect(unit.binding).toMatchObject({
      mid: m.mid,
      tid: unit.tid,
      creditCode: '9144030071526726XG',
      accountMasked: expect.stringContaining('*'),
      address: expect.stringContaining('朝阳'),
    });
    expect(unit.tmkCheckValue).toMatch(/^[0-9A-F]{8}$/);
    expect(JSON.stringify(unit)).not.toMatch(/"tmk"/);

    const row = await app.db
      .selectFrom('terminals')
      .selectAll()
      .where('serial_no', '=', 'BIND-0001')
      .executeTakeFirstOrThrow();
    expect(row.tmk_sealed).toMatch(/^v1\./);
    expect(keyCheckValue(Buffer.from(m.keyInjection.tmk, 'hex'))).toBe(unit.tmkCheckValue);
    // A second installation shows a fresh key whose check value matches; the key itself is never stored.
    await stockTerminals(app, ['BIND-0002']);
    const merchant = (await ops.get(`/api/merchants/${m.merchantId}`)).body;
    expect(merchant.terminals[0]).toMatchObject({ serialNo: 'BIND-0001', terminalId: unit.id });
    const second = await app.db
      .insertInto('work_orders')
      .values({
        no: 'WO-TEST-0002',
        org_id: row.org_id,
        merchant_id: m.merchantId,
        kind: 'install',
        status: 'open',
        terminal_model: 'PAX A920',
        merchant_label: 'test',
        due_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const done = await engineer.post(`/api/work-orders/${second.id}/install`, { serialNo: 'BIND-0002' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const { tmk, checkValue, tid } = done.body.keyInjection;
    expect(keyCheckValue(Buffer.from(tmk, 'hex'))).toBe(checkValue);
    const afterwards = await sql<{ t: string }>`
      SELECT string_agg(x, ' ') AS t FROM (
        SELECT a::text AS x FROM audit_log a UNION ALL SELECT e::text FROM terminal_events e
        UNION ALL SELECT t::text FROM terminals t UNION ALL SELECT i::text FROM idempotency_keys i
        UNION ALL SELECT w::text FROM work_orders w) all_rows`.execute(app.db);
    // The clear keys are nowhere at rest: not in the ledger, the history, the audit log, the work orders
    // or the stored answers for retried requests.
    expect(afterwards.rows[0]!.t).not.toContain(tmk);
    expect(afterwards.rows[0]!.t).not.toContain(m.keyInjection.tmk);
    expect(tid).not.toBe(unit.tid);
    // Installed units cannot be installed again.
    const again = await app.db
      .insertInto('work_orders')
      .values({
        no: 'WO-TEST-0003',
        org_id: row.org_id,
        merchant_id: m.merchantId,
        kind: 'install',
        status: 'open',
        terminal_model: 'PAX A920',
        merchant_label: 'test',
        due_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const twice = await engineer.post(`/api/work-orders/${again.id}/install`, { serialNo: 'BIND-0002' });
    expect(twice.status).toBe(400);
    expect(twice.body.fields.serialNo).toMatch(/is installed, not in stock/);
    expect(twice.body.fieldMessages.serialNo).toEqual({
      key: 'install.not_in_stock',
      params: { serial: 'BIND-0002', status: 'installed' },
    });
    expect(consoleKnows(twice.body.fieldMessages.serialNo.key)).toBe(true);
  });

  it('refuses a unit of another model than the work order installs', async () => {
    await stockTerminals(app, ['WRONG-S90-1'], { model: 'S90' });
    const m = await activeMerchant(app, '91330100799655058B', '北京海淀机具测试超市', 'BIND-0003');
    const row = await app.db
      .selectFrom('merchants')
      .select('org_id')
      .where('id', '=', m.merchantId)
      .executeTakeFirstOrThrow();
    const order = await app.db
      .insertInto('work_orders')
      .values({
        no: 'WO-TEST-0004',
        org_id: row.org_id,
        merchant_id: m.merchantId,
        kind: 'install',
        status: 'open',
        terminal_model: 'PAX A920',
        merchant_label: 'test',
        due_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = await engineer.post(`/api/work-orders/${order.id}/install`, { serialNo: 'WRONG-S90-1' });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.serialNo).toBe(
      'terminal WRONG-S90-1 is a PAX S90; work order WO-TEST-0004 installs a PAX A920',
    );
  });

  it('keeps the binding rule in the database: one place, a whole binding, one terminal per TID', async () => {
    const bound = await app.db
      .selectFrom('terminals')
      .selectAll()
      .where('serial_no', '=', 'BIND-0001')
      .executeTakeFirstOrThrow();
    const spare = await app.db
      .selectFrom('terminals')
      .selectAll()
      .where('serial_no', '=', 'LIFE-0001')
      .executeTakeFirstOrThrow();
    const attempt = (statement: ReturnType<typeof sql>) =>
      statement.execute(app.db).then(
        () => 'ok',
        (e: { constraint?: string }) => e.constraint,
      );
    // 一机多户 / 一机多码: another TID or merchant on an installed unit is another row's TID or nothing.
    expect(await attempt(sql`UPDATE terminals SET tid = ${bound.tid} WHERE id = ${spare.id}`)).toBe(
      'terminals_binding_whole',
    );
    expect(
      await attempt(
        sql`UPDATE terminals SET tid = ${bound.tid}, merchant_id = ${bound.merchant_id}, bound_acquirer = '898', bound_mid = ${bound.bound_mid},
            bound_credit_code = 'X', bound_account_hash = 'x', bound_account_masked = 'x', bound_division_code = '110105',
            bound_address = 'x', bound_at = now(), warehouse_id = NULL WHERE id = ${spare.id}`,
      ),
    ).toBe('terminals_tid_key');
    expect(await attempt(sql`UPDATE terminals SET warehouse_id = ${bjcy} WHERE id = ${bound.id}`)).toBe(
      'terminals_one_place',
    );
    expect(await attempt(sql`UPDATE terminals SET bound_address = NULL WHERE id = ${bound.id}`)).toBe(
      'terminals_binding_whole',
    );
    expect(await attempt(sql`UPDATE terminals SET status = 'installed' WHERE id = ${spare.id}`)).toBe(
      'terminals_installed_bound',
    );
  });
});

describe('org scoping and the ledger list', () => {
  it('shows a branch only its own units, filters, and exports the ledger', async () => {
    await stockTerminals(app, ['SH-ONLY-0001'], { org: 'SH' });
    const bjcyUnit = (await ops.get('/api/terminals/by-serial/LIFE-0001')).body;
    expect((await shOps.get(`/api/terminals/${bjcyUnit.id}`)).status).toBe(404);
    expect((await shOps.get('/api/terminals/by-serial/LIFE-0001')).status).toBe(404);
    const shList = (await shOps.get('/api/terminals?limit=200')).body.items as { serialNo: string }[];
    expect(shList.map((t) => t.serialNo)).toEqual(['SH-ONLY-0001']);
    expect(
      (await shOps.post(`/api/terminals/${bjcyUnit.id}/events`, { event: 'found', reason: '越权' })).status,
    ).toBe(404);
    const installed = (await ops.get('/api/terminals?status=installed&limit=200')).body.items as {
      status: string;
    }[];
    expect(installed.length).toBeGreaterThan(0);
    expect(installed.every((t) => t.status === 'installed')).toBe(true);
    const byTid = (
      await ops.get(`/api/terminals?q=${(await ops.get('/api/terminals/by-serial/BIND-0001')).body.tid}`)
    ).body.items;
    expect(byTid.map((t: { serialNo: string }) => t.serialNo)).toEqual(['BIND-0001']);
    const warehouses = (await shOps.get('/api/warehouses')).body.items as { name: string; units: number }[];
    expect(warehouses.every((w) => w.name.includes('上海'))).toBe(true);

    const response = await fetch(`${app.baseUrl}/api/terminals/export?status=installed`, {
      headers: { cookie: ops.cookie! },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('序列号');
    expect(sheet.rowCount - 1).toBe(installed.length);
  });

  it('gives the fleet overview of my subtree, counts that add up to the ledger', async () => {
    const all = (await ops.get('/api/terminals/overview')).body;
    const { rows } = await sql<{ total: bigint; bound: bigint }>`
      SELECT count(*) AS total, count(*) FILTER (WHERE status IN ('installed', 'active')) AS bound FROM terminals`.execute(
      app.db,
    );
    expect(all.total).toBe(Number(rows[0]!.total));
    const sum = (list: { units: number }[]) => list.reduce((a, b) => a + b.units, 0);
    expect(sum(all.byModel)).toBe(all.total);
    expect(sum(all.byOrg)).toBe(all.total);
    expect(all.online.bound).toBe(Number(rows[0]!.bound));
    expect(all.register.inService + all.register.scrapped + all.register.lost).toBe(all.register.received);
    // A unit that entered the ledger without a receipt breaks the identity: the check can fail.
    const model = await app.db.selectFrom('terminal_models').select('id').executeTakeFirstOrThrow();
    const org = await app.db
      .selectFrom('orgs')
      .select('id')
      .where('code', '=', 'HQ')
      .executeTakeFirstOrThrow();
    const stray = await app.db
      .insertInto('terminals')
      .values({
        serial_no: 'STRAY-0001',
        model_id: model.id,
        org_id: org.id,
        status: 'in_stock',
        warehouse_id: (
          await app.db
            .selectFrom('warehouses')
            .select('id')
            .where('org_id', '=', org.id)
            .executeTakeFirstOrThrow()
        ).id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const off = (await ops.get('/api/terminals/overview')).body.register;
    expect(off.received - (off.inService + off.scrapped + off.lost)).toBe(-1);
    await app.db.deleteFrom('terminals').where('id', '=', stray.id).execute();
    const sh = (await shOps.get('/api/terminals/overview')).body;
    expect(sh.total).toBe(1);
    expect(sh.byOrg).toEqual([{ key: '上海分行', units: 1 }]);
  });
});
