/**
 * ECharts with only what the console draws — bars and doughnuts, axes, tooltips, legends — on the canvas
 * renderer. Imported dynamically by `EChart` alone, so ECharts (and zrender) land in the `charts` chunk
 * and load with the first chart, never with the first page.
 */
import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The options of the charts registered here (type-only for everyone else: no runtime import). */
export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init };
