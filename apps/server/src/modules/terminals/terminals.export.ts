import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ServiceContext } from '../../platform/http/context';
import { listTerminalRows, type TerminalFilter } from './terminals.repo';

const EXPORT_ROWS_MAX = 250_000;
const BATCH_ROWS = 2_000;

const statusNames: Record<string, string> = {
  in_stock: '在库',
  allocated: '已分配',
  installed: '已装机',
  active: '使用中',
  faulty: '故障',
  in_repair: '维修中',
  retired: '停用',
  lost: '丢失',
  scrapped: '已报废',
};

/** 台账导出: the filtered ledger as an Excel workbook, streamed in keyset batches. */
export function exportTerminalWorkbook(
  ctx: ServiceContext,
  filter: TerminalFilter,
  locale: 'zh-CN' | 'en-US',
) {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const zh = locale === 'zh-CN';
  const sheet = workbook.addWorksheet(zh ? '机具台账' : 'Terminal ledger');
  sheet.columns = [
    { header: zh ? '序列号' : 'Serial no.', key: 'serialNo', width: 22 },
    { header: zh ? '机型' : 'Model', key: 'model', width: 18 },
    { header: zh ? '状态' : 'Status', key: 'status', width: 10 },
    { header: zh ? '机构' : 'Org', key: 'org', width: 18 },
    { header: zh ? '仓库' : 'Warehouse', key: 'warehouse', width: 18 },
    { header: zh ? '商户号' : 'MID', key: 'mid', width: 18 },
    { header: zh ? '商户名称' : 'Merchant', key: 'merchant', width: 28 },
    { header: zh ? '终端号' : 'TID', key: 'tid', width: 10 },
    { header: zh ? '固件版本' : 'Firmware', key: 'firmware', width: 12 },
    { header: zh ? '装机时间' : 'Installed at', key: 'installedAt', width: 22 },
    { header: zh ? '最近心跳' : 'Last heartbeat', key: 'heartbeat', width: 22 },
  ];
  sheet.getRow(1).font = { bold: true };
  const run = async () => {
    let after: { at: string; id: string } | null = null;
    let written = 0;
    while (written < EXPORT_ROWS_MAX) {
      const rows = await listTerminalRows(ctx.db, filter, after, BATCH_ROWS);
      const page = rows.slice(0, BATCH_ROWS);
      for (const r of page) {
        sheet
          .addRow({
            serialNo: r.serial_no,
            model: r.model_name,
            status: zh ? (statusNames[r.status] ?? r.status) : r.status,
            org: r.org_name,
            warehouse: r.warehouse_name ?? '',
            mid: r.bound_mid ?? '',
            merchant: r.merchant_name ?? '',
            tid: r.tid ?? '',
            firmware: r.firmware_version ?? '',
            installedAt: r.installed_at?.toISOString() ?? '',
            heartbeat: r.last_heartbeat_at?.toISOString() ?? '',
          })
          .commit();
      }
      written += page.length;
      const last = page[page.length - 1];
      if (!last || rows.length <= BATCH_ROWS) break;
      after = { at: last.created_at.toISOString(), id: last.id };
    }
    sheet.commit();
    await workbook.commit();
  };
  run().catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return stream;
}
