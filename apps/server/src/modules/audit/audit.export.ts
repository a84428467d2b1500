import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ServiceContext } from '../../platform/http/context';
import { type AuditFilter, auditNewestFirst } from './audit.repo';

const EXPORT_ROWS_MAX = 100_000;
const BATCH_ROWS = 2_000;

/** Streams the filtered audit log as an Excel workbook, in bounded batches (exceljs streaming writer). */
export function exportAuditWorkbook(ctx: ServiceContext, filter: AuditFilter, locale: 'zh-CN' | 'en-US') {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = workbook.addWorksheet(locale === 'zh-CN' ? '审计日志' : 'Audit log');
  const zh = locale === 'zh-CN';
  sheet.columns = [
    { header: zh ? '时间' : 'Time', key: 'at', width: 24 },
    { header: zh ? '操作人' : 'Actor', key: 'actor', width: 18 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: zh ? '操作' : 'Action', key: 'action', width: 24 },
    { header: zh ? '对象类型' : 'Object type', key: 'objectType', width: 16 },
    { header: zh ? '对象' : 'Object', key: 'objectId', width: 38 },
    { header: zh ? '变更前' : 'Before', key: 'before', width: 60 },
    { header: zh ? '变更后' : 'After', key: 'after', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  const run = async () => {
    let after: { at: Date; id: bigint } | null = null;
    let written = 0;
    while (written < EXPORT_ROWS_MAX) {
      const rows = await auditNewestFirst(ctx.db, filter, after, BATCH_ROWS);
      for (const r of rows) {
        sheet
          .addRow({
            at: r.at.toISOString(),
            actor: r.actor_name,
            ip: r.ip,
            action: r.action,
            objectType: r.object_type,
            objectId: r.object_id,
            before: r.before ? JSON.stringify(r.before) : '',
            after: r.after ? JSON.stringify(r.after) : '',
          })
          .commit();
      }
      written += rows.length;
      const last = rows[rows.length - 1];
      if (!last || rows.length < BATCH_ROWS) break;
      after = { at: last.at, id: last.id };
    }
    sheet.commit();
    await workbook.commit();
  };
  run().catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return stream;
}
