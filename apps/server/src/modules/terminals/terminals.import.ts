import type { ImportRowError, TerminalImportResult } from '@posops/contracts';
import { AppError, businessDate } from '@posops/kernel';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { modelsByName, suppliersByName } from './catalogue.repo';
import { existingSerials, findWarehouse, insertTerminalEvents, insertTerminals } from './terminals.repo';

/**
 * 入库导入: serial numbers from a CSV (UTF-8 or GBK) or Excel file into a warehouse's stock. Every row is
 * checked first; one bad row and nothing is imported, each problem named by row and column.
 */

export const IMPORT_ROWS_MAX = 50_000;
const ERRORS_SHOWN_MAX = 1_000;
const INSERT_CHUNK = 1_000;

/** Column names in English or Chinese, as the template and people write them. */
const columns = {
  serial_no: ['serial_no', 'serial', 'sn', '序列号', '机身号', '终端序列号'],
  brand: ['brand', '品牌', '厂商'],
  model: ['model', '型号', '机型'],
  supplier: ['supplier', '供应商'],
  purchased_at: ['purchased_at', 'purchase_date', '采购日期', '入库日期'],
  firmware: ['firmware', 'firmware_version', '固件版本'],
} as const;
type Column = keyof typeof columns;
const required: Column[] = ['serial_no', 'brand', 'model'];

function decodeText(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Excel in China saves CSV as GBK.
    return new TextDecoder('gbk').decode(body);
  }
}

async function readRows(fileName: string, bytes: Buffer): Promise<string[][]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError('VALIDATION_FAILED', `${fileName}: not a readable .xlsx file`, {
        file: 'not a readable .xlsx file',
      });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value;
        values[col - 1] = v instanceof Date ? v.toISOString().slice(0, 10) : cell.text.trim();
      });
      rows[n - 1] = Array.from(values, (v) => v ?? '');
    });
    return Array.from(rows, (r) => r ?? []);
  }
  try {
    return parse(decodeText(bytes), {
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (error) {
    const message = `not a readable CSV file: ${(error as Error).message}`;
    throw new AppError('VALIDATION_FAILED', `${fileName}: ${message}`, { file: message });
  }
}

interface ParsedRow {
  row: number;
  serialNo: string;
  modelId: string;
  supplierId: string | null;
  purchasedAt: string | null;
  firmware: string | null;
}

export async function importTerminals(
  ctx: ServiceContext,
  input: { warehouseId: string; fileName: string; bytes: Buffer },
): Promise<TerminalImportResult> {
  const warehouse = await findWarehouse(ctx.db, input.warehouseId);
  if (!warehouse) throw new AppError('VALIDATION_FAILED', 'no such warehouse', { warehouseId: 'not found' });
  const rows = await readRows(input.fileName, input.bytes);
  const header = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const at: Partial<Record<Column, number>> = {};
  for (const [column, names] of Object.entries(columns) as [Column, readonly string[]][]) {
    const index = header.findIndex((h) => names.includes(h));
    if (index >= 0) at[column] = index;
  }
  const missing = required.filter((c) => at[c] === undefined);
  if (missing.length > 0) {
    const message = `the header row lacks ${missing.join(', ')}`;
    throw new AppError('VALIDATION_FAILED', message, { file: message });
  }
  const body = rows
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (body.length === 0) throw new AppError('VALIDATION_FAILED', 'the file has no rows', { file: 'no rows' });
  if (body.length > IMPORT_ROWS_MAX) {
    const message = `${body.length} rows: at most ${IMPORT_ROWS_MAX} per file`;
    throw new AppError('VALIDATION_FAILED', message, { file: message });
  }

  const models = new Map(
    (await modelsByName(ctx.db)).map((m) => [`${m.brand} ${m.model}`.toLowerCase(), m] as const),
  );
  const supplierList = new Map((await suppliersByName(ctx.db)).map((s) => [s.name, s] as const));
  const today = businessDate(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  const errors: ImportRowError[] = [];
  const parsed: ParsedRow[] = [];
  const firstRowOf = new Map<string, number>();
  const cell = (cells: string[], c: Column) => (at[c] === undefined ? '' : (cells[at[c]!] ?? '').trim());

  for (const { row, cells } of body) {
    const fail = (
      column: Column | null,
      message: string,
      key: string,
      params?: Record<string, string | number>,
    ) => errors.push({ row, column, message, key: `import.${key}`, ...(params ? { params } : {}) });
    const serialNo = cell(cells, 'serial_no');
    let ok = true;
    if (!/^[A-Za-z0-9-]{4,40}$/.test(serialNo)) {
      if (serialNo)
        fail('serial_no', `"${serialNo}" is not a serial number (4–40 letters, digits, -)`, 'not_serial', {
          value: serialNo,
        });
      else fail('serial_no', 'required', 'required');
      ok = false;
    } else if (firstRowOf.has(serialNo)) {
      fail('serial_no', `${serialNo} is also on row ${firstRowOf.get(serialNo)}`, 'duplicate_in_file', {
        serial: serialNo,
        row: firstRowOf.get(serialNo)!,
      });
      ok = false;
    } else firstRowOf.set(serialNo, row);
    const name = `${cell(cells, 'brand')} ${cell(cells, 'model')}`.trim();
    const model = models.get(name.toLowerCase());
    if (!model) {
      if (name) fail('model', `${name} is not in the model catalogue`, 'unknown_model', { name });
      else fail('model', 'required', 'required');
      ok = false;
    } else if (model.status !== 'active') {
      fail('model', `${name} is retired`, 'retired_model', { name });
      ok = false;
    }
    const supplierName = cell(cells, 'supplier');
    const supplier = supplierName ? supplierList.get(supplierName) : undefined;
    if (supplierName && !supplier) {
      fail('supplier', `${supplierName} is not a supplier`, 'unknown_supplier', { name: supplierName });
      ok = false;
    }
    const purchasedAt = cell(cells, 'purchased_at');
    if (purchasedAt && (!/^\d{4}-\d{2}-\d{2}$/.test(purchasedAt) || Number.isNaN(Date.parse(purchasedAt)))) {
      fail('purchased_at', `"${purchasedAt}" is not a date (YYYY-MM-DD)`, 'bad_date', { value: purchasedAt });
      ok = false;
    } else if (purchasedAt > today) {
      fail('purchased_at', `${purchasedAt} is in the future`, 'future_date', { date: purchasedAt });
      ok = false;
    }
    const firmware = cell(cells, 'firmware');
    if (firmware.length > 40) {
      fail('firmware', 'longer than 40 characters', 'firmware_long');
      ok = false;
    }
    if (ok && model) {
      parsed.push({
        row,
        serialNo,
        modelId: model.id,
        supplierId: supplier?.id ?? null,
        purchasedAt: purchasedAt || null,
        firmware: firmware || null,
      });
    }
  }
  const known = await existingSerials(
    ctx.system,
    parsed.map((p) => p.serialNo),
  );
  for (const p of parsed) {
    if (known.has(p.serialNo))
      errors.push({
        row: p.row,
        column: 'serial_no',
        message: `${p.serialNo} is already in the ledger`,
        key: 'import.in_ledger',
        params: { serial: p.serialNo },
      });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    const shown = errors.slice(0, ERRORS_SHOWN_MAX);
    if (errors.length > shown.length) {
      const more = errors.length - shown.length;
      shown.push({
        row: 0,
        column: null,
        message: `and ${more} more problems`,
        key: 'import.more',
        params: { count: more },
      });
    }
    return { imported: 0, errors: shown };
  }

  await ctx.db.transaction().execute(async (tx) => {
    const origin = originOf(ctx);
    for (let i = 0; i < parsed.length; i += INSERT_CHUNK) {
      const chunk = parsed.slice(i, i + INSERT_CHUNK);
      const inserted = await insertTerminals(
        tx,
        chunk.map((p) => ({
          serial_no: p.serialNo,
          model_id: p.modelId,
          supplier_id: p.supplierId,
          purchased_at: p.purchasedAt,
          firmware_version: p.firmware,
          org_id: warehouse.org_id,
          warehouse_id: warehouse.id,
          status: 'in_stock' as const,
        })),
      ).catch((error: unknown) => {
        // Another import took one of these serial numbers meanwhile.
        if ((error as { code?: string }).code === '23505')
          throw new AppError(
            'CONFLICT',
            'some serial numbers were imported meanwhile; import the file again',
          );
        throw error;
      });
      await insertTerminalEvents(
        tx,
        inserted.map((t) => ({
          terminal_id: t.id,
          org_id: t.org_id,
          event: 'receive',
          from_status: null,
          to_status: 'in_stock' as const,
          actor_id: origin.actorId,
          actor_name: origin.actorName,
          detail: JSON.stringify({ warehouse: warehouse.name, file: input.fileName }),
        })),
      );
    }
    await recordAudit(tx, origin, {
      action: 'terminal.import',
      objectType: 'warehouse',
      objectId: warehouse.id,
      orgId: warehouse.org_id,
      after: {
        file: input.fileName,
        units: parsed.length,
        first: parsed[0]?.serialNo,
        last: parsed[parsed.length - 1]?.serialNo,
      },
    });
  });
  return { imported: parsed.length, errors: [] };
}
