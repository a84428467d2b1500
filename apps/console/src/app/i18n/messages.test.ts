import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { messagesEnUS } from './messages.en-US';
import { messagesZhCN } from './messages.zh-CN';

/** Every leaf key of a message tree, dotted. */
function leaves(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leaves(value as object, `${prefix}${key}.`),
  );
}

const params = {
  birthDate: '1985-01-01',
  idType: 'passport',
  code: 'STD',
  name: '餐饮',
  category: '一般类',
  riskClass: 'low',
  years: '3.5',
  yuan: '50000',
  registered: '440000',
  operating: '110000',
  mcc: '5812',
  names: '北京市 朝阳区',
  kind: 'licence',
  no: 'AP20261125000001',
  value: '6222****0128',
  reason: '涉嫌套现',
  detail: 'too short',
  mid: '898110158120001',
  count: 2,
  limit: 'daily',
  grade: 'B',
  capYuan: '100000',
  date: '2026-11-26',
  planCategory: '餐娱类',
  days: 180,
  serial: 'PAXA920-10000001',
  row: 3,
  accepted: 5,
  outstanding: 4,
  quantity: 4,
  warehouse: '北京分行仓库',
  serials: 'A-1, A-2',
  more: 0,
  status: 'installed',
  model: 'PAX S90',
  workOrder: 'WO20261125000001',
  wanted: 'PAX A920',
  item: 'printer_ok',
  items: 'printer_ok, key_loaded',
  min: 1,
  version: '1.7.0',
};

describe('server messages in the console', () => {
  for (const [lng, messages] of [
    ['zh-CN', messagesZhCN],
    ['en-US', messagesEnUS],
  ] as const) {
    it(`renders every message in ${lng} with no placeholder or nesting left`, async () => {
      const t = await i18next.createInstance().init({
        lng,
        resources: { [lng]: { translation: { messages } } },
      });
      for (const key of leaves(messages)) {
        const text = t(`messages.${key}`, params);
        expect(text, key).not.toMatch(/\{\{|\$t\(|messages\./);
      }
      expect(t('messages.check.document.missing', { kind: 'licence' })).toBe(
        lng === 'zh-CN' ? '缺少营业执照' : 'business licence missing',
      );
    });
  }

  it('has the same keys in both languages', () => {
    expect(leaves(messagesEnUS).sort()).toEqual(leaves(messagesZhCN).sort());
  });
});
