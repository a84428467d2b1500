import { Button, Col, Empty, Flex, Row, Segmented, Skeleton, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonView } from '../../../app/components/json-view';
import { formatDateTime } from '../../../app/format';
import { useMerchantHistory } from '../api';
import { historyActionLabel, historySummary } from '../history-labels';
import type { MerchantHistoryEntry } from '../model';

const objectTypes = [
  'merchant',
  'merchant_application',
  'merchant_contract',
  'merchant_change_request',
  'work_order',
] as const;

function colorOf(action: string): string {
  if (/reject|close|suspend|freeze_settlement|cancel|remove|withdraw/.test(action)) return 'red';
  if (/return/.test(action)) return 'orange';
  if (/approve|activate|apply|complete|sign/.test(action)) return 'green';
  return 'blue';
}

function Entry({ entry }: { entry: MerchantHistoryEntry }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { line, quote } = historySummary(t, entry);
  const hasData = entry.before !== null || entry.after !== null;
  return (
    <Flex vertical gap={2} data-testid="history-entry" data-action={entry.action}>
      <span>
        <Typography.Text strong>{historyActionLabel(t, entry.action)}</Typography.Text>
        <Typography.Text type="secondary">
          {' '}
          · {entry.actorName ?? t('merchants.history.system')}
        </Typography.Text>
        {hasData && (
          <Button type="link" size="small" onClick={() => setOpen(!open)}>
            {open ? t('merchants.history.hideDetails') : t('merchants.history.details')}
          </Button>
        )}
      </span>
      {line && <Typography.Text>{line}</Typography.Text>}
      {quote && <Typography.Text type="secondary">“{quote}”</Typography.Text>}
      {open && (
        <Row gutter={12} style={{ marginTop: 4 }}>
          <Col span={12}>
            <Typography.Text type="secondary">{t('merchants.history.before')}</Typography.Text>
            <JsonView value={entry.before} />
          </Col>
          <Col span={12}>
            <Typography.Text type="secondary">{t('merchants.history.after')}</Typography.Text>
            <JsonView value={entry.after} />
          </Col>
        </Row>
      )}
    </Flex>
  );
}

/** 历史: what happened to the merchant, its application, contract, changes and work orders, newest first. */
export function MerchantHistoryTab({ merchantId }: { merchantId: string }) {
  const { t } = useTranslation();
  const history = useMerchantHistory(merchantId);
  const [type, setType] = useState<string>('all');
  if (history.isPending) return <Skeleton active />;
  const entries = (history.data ?? []).filter((e) => type === 'all' || e.objectType === type);
  return (
    <Flex vertical gap={16}>
      <Segmented
        value={type}
        onChange={(value) => setType(String(value))}
        options={['all', ...objectTypes].map((o) => ({
          value: o,
          label: t(`merchants.history.filters.${o}`),
        }))}
        data-testid="history-filter"
      />
      {entries.length === 0 ? (
        <Empty description={t('merchants.history.none')} />
      ) : (
        <Timeline
          titleSpan="170px"
          data-testid="merchant-history"
          items={entries.map((e) => ({
            key: e.id,
            color: colorOf(e.action),
            title: formatDateTime(e.at),
            content: <Entry entry={e} />,
          }))}
        />
      )}
    </Flex>
  );
}
