import { Descriptions } from 'antd';
import { JsonView } from '../../../app/components/json-view';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

/** A request's payload: flat objects as a key/value list, anything else as JSON. */
export function PayloadSummary({ payload }: { payload: unknown }) {
  if (!isRecord(payload)) return <JsonView value={payload} />;
  const flat = Object.values(payload).every((v) => !isRecord(v) && !Array.isArray(v));
  if (!flat) return <JsonView value={payload} testId="approval-payload" />;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      data-testid="approval-payload"
      items={Object.entries(payload).map(([key, value]) => ({ key, label: key, children: show(value) }))}
    />
  );
}
