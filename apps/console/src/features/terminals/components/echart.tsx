import { Flex, Spin, Typography } from 'antd';
import type { ECElementEvent, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from './echarts-setup';

interface Props {
  option: ChartOption;
  /** Pixels; the width follows the container. */
  height: number;
  /** A click on a bar or a slice. */
  onItemClick?: (event: ECElementEvent) => void;
  /** What the chart shows, as text (for screen readers and tests). */
  summary: string;
  testId?: string;
}

/**
 * One ECharts chart: ECharts is imported when the first chart mounts (its own chunk), the chart follows
 * its container's size (ResizeObserver) and is disposed on unmount. Memoise `option`: a new object redraws.
 */
export function EChart({ option, height, onItemClick, summary, testId }: Props) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [failed, setFailed] = useState(false);
  const onClick = useRef(onItemClick);
  useEffect(() => {
    onClick.current = onItemClick;
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let disposed = false;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    import('./echarts-setup').then(
      ({ init }) => {
        if (disposed) return;
        instance = init(element, undefined, { renderer: 'canvas' });
        instance.on('click', (event) => onClick.current?.(event as ECElementEvent));
        observer = new ResizeObserver(() => instance?.resize());
        observer.observe(element);
        setChart(instance);
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    chart?.setOption(option, { notMerge: true });
  }, [chart, option]);

  return (
    <div style={{ position: 'relative', height }} role="img" aria-label={summary} data-testid={testId}>
      <div
        ref={host}
        style={{ position: 'absolute', inset: 0, cursor: onItemClick ? 'pointer' : undefined }}
      />
      {!chart && (
        <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0 }}>
          {failed ? (
            <Typography.Text type="secondary">{t('terminals.overview.chartFailed')}</Typography.Text>
          ) : (
            <Spin />
          )}
        </Flex>
      )}
    </div>
  );
}
