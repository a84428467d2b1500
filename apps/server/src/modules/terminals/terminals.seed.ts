import type { Db } from '../../platform/db/database';

/** The demo's catalogue: models the acquirers of the source documents deploy, and two suppliers. */
const demoModels = [
  {
    brand: 'PAX',
    model: 'A920',
    type: 'smart',
    capabilities: ['magstripe', 'ic', 'contactless', 'qr', 'printer'],
    unit_price_minor: 150_000n,
  },
  {
    brand: 'PAX',
    model: 'S90',
    type: 'traditional',
    capabilities: ['magstripe', 'ic', 'contactless', 'printer'],
    unit_price_minor: 68_000n,
  },
  {
    brand: 'Newland',
    model: 'ME51',
    type: 'traditional',
    capabilities: ['magstripe', 'ic', 'contactless'],
    unit_price_minor: 52_000n,
  },
  {
    brand: 'Sunmi',
    model: 'P2',
    type: 'smart',
    capabilities: ['magstripe', 'ic', 'contactless', 'qr', 'printer'],
    unit_price_minor: 128_000n,
  },
  { brand: 'Centerm', model: 'Q10', type: 'qr_box', capabilities: ['qr'], unit_price_minor: 19_800n },
] as const;

const demoSuppliers = [
  {
    name: '深圳百富计算机技术股份有限公司',
    qualification: '银联卡受理终端安全认证（PCI PTS 6.x）；营业执照 914403007261824992',
    contact_name: '刘经理',
    contact_phone: '0755-86169630',
    rating: 5,
  },
  {
    name: '福建新大陆支付技术有限公司',
    qualification: '银联卡受理终端产品认证；营业执照 91350100MA31T6KX3J',
    contact_name: '陈经理',
    contact_phone: '0591-83979000',
    rating: 4,
  },
];

/** Seeds the demo catalogue on an empty one; an edited catalogue is left alone. */
export async function seedTerminalCatalogue(db: Db): Promise<void> {
  const existing = await db.selectFrom('terminal_models').select('id').limit(1).execute();
  if (existing.length > 0) return;
  await db
    .insertInto('terminal_models')
    .values(demoModels.map((m) => ({ ...m, capabilities: [...m.capabilities] })))
    .execute();
  await db
    .insertInto('suppliers')
    .values(demoSuppliers)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
