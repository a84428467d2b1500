import { Typography } from 'antd';

/** Pretty-printed JSON in a scrollable block (audit before/after, approval payloads). */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre
      data-testid={testId}
      style={{
        margin: 0,
        padding: 12,
        background: 'rgba(0,0,0,0.03)',
        borderRadius: 6,
        fontSize: 12,
        maxHeight: 420,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
