import type { Clock } from '@posops/kernel';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import { contextForUser } from '../identity';
import { importTerminals } from './terminals.import';
import { moveTerminal } from './terminals.service';

/** Demo stock in each warehouse, as procurement would import it (serial numbers are the demo's own). */
const demoStock: { org: string; prefix: string; brand: string; model: string; count: number }[] = [
  // The Chaoyang outlet's engineer installs the demo merchants' terminals from these.
  { org: 'BJCY', prefix: 'PAXA920-100000', brand: 'PAX', model: 'A920', count: 60 },
  { org: 'BJCY', prefix: 'PAXS90-200000', brand: 'PAX', model: 'S90', count: 30 },
  { org: 'BJ', prefix: 'NLME51-300000', brand: 'Newland', model: 'ME51', count: 120 },
  { org: 'BJ', prefix: 'SUNMIP2-400000', brand: 'Sunmi', model: 'P2', count: 40 },
  { org: 'BJHD', prefix: 'CTQ10-500000', brand: 'Centerm', model: 'Q10', count: 25 },
  { org: 'SH', prefix: 'PAXA920-600000', brand: 'PAX', model: 'A920', count: 80 },
  { org: 'BJAG01', prefix: 'NLME51-700000', brand: 'Newland', model: 'ME51', count: 20 },
  // The protocol's demo chain store (MID 898310054110001, TIDs 10000001–10000064) gets these.
  { org: 'BJCY', prefix: 'PAXS90-900000', brand: 'PAX', model: 'S90', count: 64 },
];

export async function seedDemoTerminals(deps: { db: Db; clock: Clock; config: AppConfig }): Promise<void> {
  const [procurement, engineer] = await Promise.all([
    contextForUser(deps, 'procurement'),
    contextForUser(deps, 'engineer'),
  ]);
  if (!procurement || !engineer) return;
  const warehouses = await deps.db
    .selectFrom('warehouses as w')
    .innerJoin('orgs as o', 'o.id', 'w.org_id')
    .select(['w.id', 'o.code'])
    .execute();
  for (const stock of demoStock) {
    const warehouse = warehouses.find((w) => w.code === stock.org);
    if (!warehouse) continue;
    const lines = ['serial_no,brand,model,supplier,purchased_at,firmware'];
    const supplier =
      stock.brand === 'Newland' ? '福建新大陆支付技术有限公司' : '深圳百富计算机技术股份有限公司';
    for (let i = 0; i < stock.count; i++) {
      const serial = `${stock.prefix}${String(i).padStart(2, '0')}`;
      lines.push(`${serial},${stock.brand},${stock.model},${supplier},2026-09-01,1.${4 + (i % 3)}.0`);
    }
    const result = await importTerminals(procurement, {
      warehouseId: warehouse.id,
      fileName: `demo-${stock.org}.csv`,
      bytes: Buffer.from(lines.join('\n')),
    });
    if (result.errors.length > 0) throw new Error(`demo stock: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  // A few units off the shelf: a faulty one in repair, one lost.
  const units = await deps.db
    .selectFrom('terminals')
    .select(['id', 'serial_no'])
    .where('serial_no', 'in', ['PAXS90-20000029', 'PAXS90-20000028'])
    .execute();
  const byName = new Map(units.map((u) => [u.serial_no, u.id]));
  const faulty = byName.get('PAXS90-20000029');
  const lost = byName.get('PAXS90-20000028');
  if (faulty) {
    await moveTerminal(engineer, faulty, 'report_fault', '开机自检失败，屏幕无显示');
    await moveTerminal(engineer, faulty, 'send_to_repair', '寄回厂商维修');
  }
  if (lost) await moveTerminal(engineer, lost, 'report_lost', '盘点时未找到');
}
