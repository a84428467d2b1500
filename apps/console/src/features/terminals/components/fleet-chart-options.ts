/**
 * The overview's chart options, built from plain items (label, units, colour). Pure: no ECharts import
 * at runtime, only its option type.
 */
import type { ChartOption } from './echarts-setup';

export interface ChartItem {
  /** What a click filters by (a status, a model id …); none for an item that opens nothing. */
  key: string | undefined;
  label: string;
  units: number;
  color?: string | undefined;
}

export interface ChartLook {
  /** Text and axis colours, from the antd theme. */
  text: string;
  secondaryText: string;
  split: string;
  bar: string;
  /** `1,234` on a bar; `1,234 台` in a tooltip. */
  formatNumber: (units: number) => string;
  formatUnits: (units: number) => string;
  /** Whether an item with a key reacts to a click (a pointer on hover). */
  clickable: boolean;
}

/** Tooltips are HTML: names come from the database, so they are escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The `max` largest items, the rest summed into one unclickable item labelled by `others(n)`. */
export function topItems(
  items: readonly ChartItem[],
  max: number,
  others: (n: number) => string,
): ChartItem[] {
  if (items.length <= max) return [...items];
  const rest = items.slice(max - 1);
  return [
    ...items.slice(0, max - 1),
    { key: undefined, label: others(rest.length), units: rest.reduce((sum, i) => sum + i.units, 0) },
  ];
}

interface TooltipParam {
  marker?: unknown;
  name?: string;
  value?: unknown;
  percent?: number;
}

function tooltipLine(p: TooltipParam, look: ChartLook): string {
  const marker = typeof p.marker === 'string' ? p.marker : '';
  const percent = p.percent !== undefined ? ` (${p.percent}%)` : '';
  return `${marker}${escapeHtml(p.name ?? '')}: ${look.formatUnits(Number(p.value ?? 0))}${percent}`;
}

/** A doughnut with the legend on the right (status: few items, each with its own colour). */
export function doughnutOption(items: readonly ChartItem[], look: ChartLook): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params) => tooltipLine(params as TooltipParam, look),
    },
    legend: {
      type: 'scroll',
      orient: 'vertical',
      right: 8,
      top: 'middle',
      textStyle: { color: look.text },
      pageTextStyle: { color: look.secondaryText },
    },
    series: [
      {
        type: 'pie',
        radius: ['48%', '75%'],
        center: ['32%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        labelLine: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        cursor: look.clickable ? 'pointer' : 'default',
        data: items.map((i) => ({
          name: i.label,
          value: i.units,
          ...(i.color ? { itemStyle: { color: i.color } } : {}),
        })),
      },
    ],
  };
}

/**
 * Bars: horizontal (largest at the top) for named categories with long labels, vertical for a few
 * ordered bands (age).
 */
export function barOption(
  items: readonly ChartItem[],
  look: ChartLook,
  orientation: 'horizontal' | 'vertical',
): ChartOption {
  const category = {
    type: 'category' as const,
    data: items.map((i) => i.label),
    axisTick: { show: false },
    axisLine: { lineStyle: { color: look.split } },
    axisLabel: { color: look.text, width: 140, overflow: 'truncate' as const },
    ...(orientation === 'horizontal' ? { inverse: true } : {}),
  };
  const value = {
    type: 'value' as const,
    minInterval: 1,
    axisLabel: { color: look.secondaryText },
    splitLine: { lineStyle: { color: look.split } },
  };
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params) => tooltipLine(params as TooltipParam, look),
    },
    // Room for the value labels: right of horizontal bars, above vertical ones.
    grid:
      orientation === 'horizontal'
        ? { left: 8, right: 48, top: 8, bottom: 8 }
        : { left: 8, right: 8, top: 28, bottom: 8 },
    ...(orientation === 'horizontal' ? { xAxis: value, yAxis: category } : { xAxis: category, yAxis: value }),
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        cursor: look.clickable ? 'pointer' : 'default',
        label: {
          show: true,
          position: orientation === 'horizontal' ? 'right' : 'top',
          color: look.secondaryText,
          formatter: (p) => look.formatNumber(Number(p.value ?? 0)),
        },
        data: items.map((i) => ({
          value: i.units,
          itemStyle: {
            color: i.color ?? look.bar,
            borderRadius: orientation === 'horizontal' ? [0, 3, 3, 0] : [3, 3, 0, 0],
          },
          ...(look.clickable && i.key === undefined ? { cursor: 'default' } : {}),
        })),
      },
    ],
  };
}

/** Height of a horizontal bar chart for `n` bars: room for each, within sensible bounds. */
export function barsHeight(n: number): number {
  return Math.min(420, Math.max(160, 28 * n + 40));
}
