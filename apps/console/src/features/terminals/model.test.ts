import { describe, expect, it } from 'vitest';
import { barOption, type ChartLook, doughnutOption, topItems } from './components/fleet-chart-options';
import { terminalsEnUS } from './i18n/en-US';
import { terminalsZhCN } from './i18n/zh-CN';
import { amountOf, onlineRate, parseSerials, receivedPercent, rejectReasonKeyOf } from './model';

describe('serial numbers as typed, pasted or scanned', () => {
  it('takes one per line, trims them, and drops repeats while counting them', () => {
    expect(parseSerials('  SN-001\r\nSN-002\n\nSN-001\nSN-003  \n')).toEqual({
      serials: ['SN-001', 'SN-002', 'SN-003'],
      duplicates: 1,
    });
  });

  it('also splits on spaces, commas and semicolons (a pasted spreadsheet row)', () => {
    expect(parseSerials('A1, A2;A3\tA4 A5，A6；A2').serials).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
  });

  it('finds nothing in blank text', () => {
    expect(parseSerials(' \n \n')).toEqual({ serials: [], duplicates: 0 });
  });
});

describe('online rate', () => {
  it('is a percentage with one decimal, none when nothing is bound', () => {
    expect(onlineRate({ bound: 30, online: 23 })).toBe(76.7);
    expect(onlineRate({ bound: 0, online: 0 })).toBeNull();
  });
});

describe('a purchase request', () => {
  it('costs the catalogue price times the quantity, exactly, in fen', () => {
    expect(amountOf('150000', 3)).toBe('450000');
    expect(amountOf('999999999999999', 100_000)).toBe('99999999999999900000');
    expect(amountOf('150000', 0)).toBeUndefined();
    expect(amountOf('150000', 2.5)).toBeUndefined();
    expect(amountOf('150000', null)).toBeUndefined();
  });

  it('shows how much of the order was accepted', () => {
    expect(receivedPercent({ quantity: 3, receivedUnits: 2 })).toBe(66.7);
    expect(receivedPercent({ quantity: 3, receivedUnits: 3 })).toBe(100);
  });

  it('knows the usual reject reasons as written on the receipt', () => {
    expect(rejectReasonKeyOf('外观破损')).toBe('damaged');
    expect(rejectReasonKeyOf('屏幕有划痕')).toBeUndefined();
  });
});

describe('the overview charts', () => {
  const look: ChartLook = {
    text: '#000',
    secondaryText: '#666',
    split: '#eee',
    bar: '#1677ff',
    formatNumber: String,
    formatUnits: (n) => `${n} units`,
    clickable: true,
  };

  it('keep the largest bars and sum the rest into one that opens nothing', () => {
    const items = [5, 4, 3, 2, 1].map((units) => ({ key: `k${units}`, label: `L${units}`, units }));
    const top = topItems(items, 3, (n) => `${n} others`);
    expect(top.map((i) => [i.key, i.label, i.units])).toEqual([
      ['k5', 'L5', 5],
      ['k4', 'L4', 4],
      [undefined, '3 others', 6],
    ]);
    expect(topItems(items, 5, () => '')).toHaveLength(5);
  });

  it('escape names from the database in their HTML tooltips', () => {
    const items = [{ key: 'x', label: '<img src=x onerror=alert(1)>', units: 2 }];
    for (const option of [doughnutOption(items, look), barOption(items, look, 'horizontal')]) {
      const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
      const html = formatter({ name: items[0]!.label, value: 2, marker: '' });
      expect(html).not.toContain('<img');
      expect(html).toContain('&#60;img');
      expect(html).toContain('2 units');
    }
  });
});

describe('the terminal pages in both languages', () => {
  /** Every leaf of a message tree with its {{params}}. */
  function params(tree: object, prefix = ''): Record<string, string[]> {
    return Object.fromEntries(
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'string'
          ? [[`${prefix}${key}`, [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort()]]
          : Object.entries(params(value as object, `${prefix}${key}.`)),
      ),
    );
  }

  it('take the same parameters in zh-CN and en-US', () => {
    expect(params(terminalsEnUS)).toEqual(params(terminalsZhCN));
  });
});
