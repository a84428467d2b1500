import { Flex, Progress, Typography } from 'antd';
import { formatNumber } from '../../../app/format';

/** A count with a bar scaled to the largest of its column: the big ones stand out without reading. */
export function UnitsBar({ units, max, testId }: { units: number; max: number; testId?: string }) {
  return (
    <Flex align="center" gap={8} data-testid={testId}>
      <Typography.Text style={{ minWidth: 48, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
        {formatNumber(units)}
      </Typography.Text>
      <Progress
        percent={max > 0 ? (units / max) * 100 : 0}
        showInfo={false}
        status="normal"
        size="small"
        style={{ width: 100, margin: 0 }}
      />
    </Flex>
  );
}
