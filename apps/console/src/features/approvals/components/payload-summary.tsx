import { Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { JsonView } from '../../../app/components/json-view';
import { changeFieldLabel, formatChangeValue } from '../../merchants/change-labels';
import { ChangeComparison, ChangeFindings } from '../../merchants/components/change-comparison';
import { type ChangeFinding, changeKinds } from '../../merchants/model';

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

/** The particulars people read first come first (the stored payload's key order is not kept). */
const leading = ['no', 'merchantMid', 'merchantName', 'kind', 'effectiveDate', 'reason'];
const rank = (key: string) => (leading.includes(key) ? leading.indexOf(key) : leading.length);

function isFinding(value: unknown): value is ChangeFinding {
  return isRecord(value) && typeof value.message === 'string' && typeof value.field === 'string';
}

/** A request's payload: flat objects as a key/value list, anything else as JSON. */
export function PayloadSummary({ payload }: { payload: unknown }) {
  if (!isRecord(payload)) return <JsonView value={payload} />;
  if (isRecord(payload.before) && isRecord(payload.after)) return <BeforeAfterPayload payload={payload} />;
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

/**
 * A payload that changes something (a merchant's account, address, rates or limits): its particulars as
 * a list, the values before and after side by side with the changed ones marked, and the findings the
 * approver should look at.
 */
function BeforeAfterPayload({ payload }: { payload: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { before, after, findings, ...rest } = payload as {
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    findings?: unknown;
  } & Record<string, unknown>;
  const kind = changeKinds.find((k) => k === rest.kind) ?? null;
  const flat = Object.entries(rest)
    .filter(([, v]) => !isRecord(v) && !Array.isArray(v))
    .sort(([a], [b]) => rank(a) - rank(b));
  const nested = Object.entries(rest).filter(([, v]) => isRecord(v) || Array.isArray(v));
  const shownFindings = Array.isArray(findings) ? findings.filter(isFinding) : [];
  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        bordered
        column={1}
        data-testid="approval-payload"
        items={flat.map(([key, value]) => ({
          key,
          label: changeFieldLabel(t, key),
          children: formatChangeValue(t, key, value),
        }))}
      />
      <ChangeComparison kind={kind} before={before} after={after} testId="approval-payload-diff" />
      {shownFindings.length > 0 && <ChangeFindings findings={shownFindings} />}
      {nested.map(([key, value]) => (
        <Flex key={key} vertical gap={4}>
          <Typography.Text type="secondary">{changeFieldLabel(t, key)}</Typography.Text>
          <JsonView value={value} />
        </Flex>
      ))}
    </Flex>
  );
}
