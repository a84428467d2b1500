import { Alert, Flex, Table, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeFieldLabel, comparisonKeys, findingText, formatChangeValue } from '../change-labels';
import type { ChangeFinding, MerchantChangeKind } from '../model';

interface Row {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

/** Before and after side by side, one row per field, the changed rows highlighted. */
export function ChangeComparison({
  kind,
  before,
  after,
  testId = 'change-comparison',
}: {
  /** Orders the rows by the kind's fields; null: in the order the values have them. */
  kind: MerchantChangeKind | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const rows: Row[] = comparisonKeys(kind, before, after).map((key) => ({
    key,
    label: changeFieldLabel(t, key),
    before: formatChangeValue(t, key, before[key]),
    after: formatChangeValue(t, key, after[key]),
    changed: JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  }));
  return (
    <Table<Row>
      size="small"
      bordered
      pagination={false}
      rowKey="key"
      dataSource={rows}
      onRow={(row) => ({
        style: row.changed ? { background: token.colorWarningBg } : undefined,
        'data-testid': `${testId}-row-${row.key}`,
        'data-changed': row.changed ? 'true' : 'false',
      })}
      columns={[
        { title: t('merchants.changes.detail.field'), dataIndex: 'label', width: 140 },
        {
          title: t('merchants.changes.detail.before'),
          dataIndex: 'before',
          render: (text: string, row) => (
            <Typography.Text type={row.changed ? 'secondary' : undefined} delete={row.changed}>
              {text}
            </Typography.Text>
          ),
        },
        {
          title: t('merchants.changes.detail.after'),
          dataIndex: 'after',
          render: (text: string, row) => <Typography.Text strong={row.changed}>{text}</Typography.Text>,
        },
      ]}
      data-testid={testId}
    />
  );
}

/** The findings of a change for the approvers: warnings and notes, never blocking. */
export function ChangeFindings({ findings }: { findings: readonly ChangeFinding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="change-findings">
      {findings.map((f) => (
        <Alert
          // Findings have no id; a field may carry several, each with its own message.
          key={`${f.field}:${f.message}`}
          type={f.severity === 'warning' ? 'warning' : 'info'}
          showIcon
          title={findingText(t, f)}
        />
      ))}
    </Flex>
  );
}
