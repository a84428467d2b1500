import { CheckCircleOutlined, SafetyOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationCheck, ApplicationDetail } from '../../../api/types';
import { messageText, useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useDecideCheck } from '../api';
import { checkItemLabel, useFieldLabel } from '../labels';
import { checkResultColors, type ReviewerItem, reviewerItems } from '../model';

/** One line of the checklist: the latest entry for an item (and field), with the ones before it. */
export interface ChecklistRow {
  key: string;
  item: string;
  field: string | null;
  latest: ApplicationCheck | null;
  earlier: ApplicationCheck[];
  /** The system's findings on this item and field (two duplicates of one number are two findings). */
  findings: ApplicationCheck[];
  reviewerItem: boolean;
}

/** Groups the round's entries by item and field, latest last; the reviewer's items are always there. */
export function checklistRows(checks: readonly ApplicationCheck[]): ChecklistRow[] {
  const rows = new Map<string, ChecklistRow>();
  const isReviewerItem = (item: string) => (reviewerItems as readonly string[]).includes(item);
  const sorted = [...checks].sort((a, b) => a.at.localeCompare(b.at));
  for (const c of sorted) {
    const key = `${c.item}|${c.field ?? ''}`;
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        key,
        item: c.item,
        field: c.field,
        latest: c,
        earlier: [],
        findings: c.source === 'system' ? [c] : [],
        reviewerItem: isReviewerItem(c.item),
      });
    } else {
      if (row.latest) row.earlier.push(row.latest);
      row.latest = c;
      if (c.source === 'system') row.findings.push(c);
    }
  }
  for (const item of reviewerItems) {
    const key = `${item}|`;
    if (!rows.has(key))
      rows.set(key, { key, item, field: null, latest: null, earlier: [], findings: [], reviewerItem: true });
  }
  // System findings first (in the order the checks ran), then the reviewer's own items.
  return [...rows.values()].sort((a, b) => Number(a.reviewerItem) - Number(b.reviewerItem));
}

/** Reviewer items not decided yet (the review cannot be completed while any is). */
export function undecidedItems(rows: readonly ChecklistRow[]): ReviewerItem[] {
  return rows
    .filter((r) => r.reviewerItem && r.latest?.source !== 'reviewer')
    .map((r) => r.item as ReviewerItem);
}

/** A reviewer's item is undecided until the reviewer records a decision. */
export function effectiveResult(row: ChecklistRow): ApplicationCheck['result'] | 'pending' {
  if (row.reviewerItem && row.latest?.source !== 'reviewer') return 'pending';
  return row.latest?.result ?? 'pending';
}

function ResultTag({ result }: { result: ApplicationCheck['result'] | 'pending' }) {
  const { t } = useTranslation();
  return (
    <Tag color={checkResultColors[result]} data-result={result}>
      {t(`merchants.checks.results.${result}`)}
    </Tag>
  );
}

interface Decision {
  row: ChecklistRow;
  mode: 'decide' | 'override';
}

interface DecisionValues {
  result: 'passed' | 'failed';
  comment?: string;
}

function DecisionModal({
  application,
  decision,
  onClose,
}: {
  application: ApplicationDetail;
  decision: Decision | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const decide = useDecideCheck();
  const fieldLabel = useFieldLabel();
  const [form] = Form.useForm<DecisionValues>();
  const result = Form.useWatch('result', form);
  const override = decision?.mode === 'override';
  const itemName = decision ? checkItemLabel(t, decision.row.item) : '';

  const onOk = async () => {
    if (!decision) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await decide.mutateAsync({
        id: application.id,
        item: decision.row.item,
        field: decision.row.field,
        body: {
          result: override ? 'overridden' : values.result,
          ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
        },
      });
      message.success(t('merchants.checks.saved'));
      form.resetFields();
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={decision !== null}
      title={t(override ? 'merchants.checks.overrideTitle' : 'merchants.checks.decideTitle', {
        item: itemName,
      })}
      onOk={onOk}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      confirmLoading={decide.isPending}
      okButtonProps={{ 'data-testid': 'check-decide-submit' }}
      destroyOnHidden
    >
      {decision && (
        <Form form={form} layout="vertical" initialValues={{ result: 'passed' }} preserve={false}>
          {override && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('merchants.checks.overrideHint')}
              description={
                <>
                  {decision.row.field && <div>{fieldLabel(decision.row.field)}</div>}
                  {decision.row.latest &&
                    messageText(t, decision.row.latest.message, decision.row.latest.detail)}
                </>
              }
            />
          )}
          {!override && (
            <Form.Item name="result" label={t('merchants.checks.resultLabel')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid">
                <Radio.Button value="passed">
                  <span data-testid="check-result-passed">{t('merchants.checks.pass')}</span>
                </Radio.Button>
                <Radio.Button value="failed">
                  <span data-testid="check-result-failed">{t('merchants.checks.fail')}</span>
                </Radio.Button>
              </Radio.Group>
            </Form.Item>
          )}
          <Form.Item
            name="comment"
            label={t(override ? 'merchants.checks.reasonLabel' : 'merchants.checks.commentLabel')}
            rules={[
              {
                required: override || result === 'failed',
                whitespace: true,
                message: t(override ? 'merchants.checks.reasonRequired' : 'merchants.checks.commentRequired'),
              },
              { max: 500 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-comment" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

interface Props {
  application: ApplicationDetail;
  /** The user may decide items now (merchantApplication.review, application in review). */
  canDecide: boolean;
}

/** 资料审核: the system's findings and the reviewer's items, with the reviewer's decisions. */
export function ReviewChecklist({ application, canDecide }: Props) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const [decision, setDecision] = useState<Decision | null>(null);
  const rows = checklistRows(application.checks);
  const count = (r: ApplicationCheck['result'] | 'pending') =>
    rows.filter((row) => effectiveResult(row) === r).length;

  const columns: ColumnsType<ChecklistRow> = [
    {
      title: t('merchants.checks.item'),
      dataIndex: 'item',
      width: 150,
      render: (item: string, row) => (
        <Space size={4}>
          {row.reviewerItem && (
            <Tooltip title={t('merchants.checks.sources.reviewer')}>
              <SafetyOutlined />
            </Tooltip>
          )}
          {checkItemLabel(t, item)}
        </Space>
      ),
    },
    {
      title: t('merchants.checks.field'),
      dataIndex: 'field',
      width: 140,
      render: (field: string | null) => (field ? fieldLabel(field) : '—'),
    },
    {
      title: t('merchants.checks.result'),
      key: 'result',
      width: 84,
      render: (_, row) => <ResultTag result={effectiveResult(row)} />,
    },
    {
      title: t('merchants.checks.detail'),
      key: 'detail',
      render: (_, row) => {
        const details = [...new Set(row.findings.map((f) => messageText(t, f.message, f.detail)))];
        // A reviewer's own item has no finding (its decision's "detail" is the item's code).
        if (details.length === 0) return '—';
        return (
          <Flex vertical>
            {details.map((d) => (
              <Typography.Text key={d} style={{ fontSize: 13 }}>
                {d}
              </Typography.Text>
            ))}
          </Flex>
        );
      },
    },
    {
      // Source, reviewer and time in one column: the detail and the comment need the width.
      title: t('merchants.checks.sourceReviewerAt'),
      key: 'source',
      width: 150,
      render: (_, row) =>
        row.latest ? (
          <Flex vertical>
            <span data-testid="check-source">
              {t(`merchants.checks.sources.${row.latest.source}`, { defaultValue: row.latest.source })}
              {row.latest.reviewerName && ` · ${row.latest.reviewerName}`}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(row.latest.at)}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('merchants.checks.comment'),
      key: 'comment',
      width: 180,
      render: (_, row) => row.latest?.comment ?? '—',
    },
  ];
  if (canDecide) {
    columns.push({
      title: t('merchants.checks.actions'),
      key: 'actions',
      width: 96,
      render: (_, row) => {
        if (row.reviewerItem) {
          return (
            <Button
              size="small"
              type={row.latest?.source === 'reviewer' ? 'default' : 'primary'}
              icon={<CheckCircleOutlined />}
              onClick={() => setDecision({ row, mode: 'decide' })}
              data-testid={`check-decide-${row.item}`}
            >
              {t('merchants.checks.decide')}
            </Button>
          );
        }
        if (row.latest?.source === 'system' && row.latest.result === 'failed') {
          return (
            <Button
              size="small"
              danger
              autoInsertSpace={false}
              onClick={() => setDecision({ row, mode: 'override' })}
              data-testid={`check-override-${row.item}`}
              data-field={row.field ?? ''}
            >
              {t('merchants.checks.override')}
            </Button>
          );
        }
        return null;
      },
    });
  }

  if (application.checks.length === 0) {
    return <Alert type="info" showIcon title={t('merchants.checks.empty')} data-testid="checklist-empty" />;
  }

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary" data-testid="checklist-summary">
        {t('merchants.checks.summary', {
          passed: count('passed'),
          warning: count('warning'),
          failed: count('failed'),
          overridden: count('overridden'),
          pending: count('pending'),
        })}
      </Typography.Text>
      <Table<ChecklistRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(row) => `check-row-${row.item}`}
        onRow={(row) =>
          ({
            'data-testid': `check-row-${row.item}`,
            'data-result': effectiveResult(row),
          }) as React.HTMLAttributes<HTMLElement>
        }
        expandable={{
          // Only a decided row has a history worth opening (findings of one check share a row).
          rowExpandable: (row) => row.latest?.source === 'reviewer' && row.earlier.length > 0,
          expandedRowRender: (row) => (
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('merchants.checks.earlier')}</Typography.Text>
              {[...row.earlier].reverse().map((c) => (
                <Space key={`${c.at}-${c.result}`} size={8} wrap>
                  <Typography.Text type="secondary">{formatDateTime(c.at)}</Typography.Text>
                  <ResultTag result={c.result} />
                  <span>{t(`merchants.checks.sources.${c.source}`, { defaultValue: c.source })}</span>
                  {c.reviewerName && <span>{c.reviewerName}</span>}
                  {c.detail && c.detail !== c.item && (
                    <Typography.Text>{messageText(t, c.message, c.detail)}</Typography.Text>
                  )}
                  {c.comment && <Typography.Text italic>“{c.comment}”</Typography.Text>}
                </Space>
              ))}
            </Flex>
          ),
        }}
        data-testid="checklist"
      />
      <DecisionModal application={application} decision={decision} onClose={() => setDecision(null)} />
    </Flex>
  );
}
