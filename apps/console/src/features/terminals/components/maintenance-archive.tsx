import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { http } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { formatAmount, formatDate, formatDateTime } from '../../../app/format';
import { KindTag } from '../../workorders/components/work-order-tags';
import type { WorkOrderKind, WorkOrderStatus } from '../../workorders/model';
import { mono } from '../model';

type LocationKind = 'warehouse' | 'transit' | 'merchant' | 'repair' | 'lost' | 'scrapped';

/** GET /api/terminals/:id/archive: the unit's maintenance archive (维护档案). */
export interface MaintenanceArchive {
  purchase: {
    supplierName: string | null;
    purchasedAt: string | null;
    procurementNo: string | null;
    receiptNo: string | null;
    receivedAt: string | null;
    warehouse: string | null;
    unitPriceMinor: string;
  };
  locations: {
    kind: LocationKind;
    place: string | null;
    mid: string | null;
    tid: string | null;
    from: string;
    to: string | null;
  }[];
  faults: { at: string; reason: string | null; by: string }[];
  repairs: {
    at: string;
    cause: string | null;
    parts: string | null;
    costMinor: string | null;
    vendor: string | null;
    by: string;
  }[];
  fieldWork: {
    id: string;
    no: string;
    kind: WorkOrderKind;
    status: WorkOrderStatus;
    merchantLabel: string;
    createdAt: string;
    completedAt: string | null;
    engineerName: string | null;
    result: string | null;
    findings: { item: string; note?: string }[];
    testApproved: boolean | null;
    signedBy: string | null;
  }[];
  totals: {
    faults: number;
    repairs: number;
    repairCostMinor: string;
    inspections: number;
    firstInstalledAt: string | null;
  };
}

export function useTerminalArchive(id: string) {
  return useQuery({
    queryKey: ['terminals', 'detail', id, 'archive'] as const,
    queryFn: ({ signal }) => http.get<MaintenanceArchive>(`/api/terminals/${id}/archive`, undefined, signal),
  });
}

const locationColors: Record<LocationKind, string> = {
  warehouse: 'blue',
  transit: 'gray',
  merchant: 'green',
  repair: 'orange',
  lost: 'red',
  scrapped: 'gray',
};

/** 维护档案: purchase, where the unit has been, its faults and repairs, the field work done on it. */
export function MaintenanceArchiveView({ terminalId }: { terminalId: string }) {
  const { t } = useTranslation();
  const archive = useTerminalArchive(terminalId);
  if (archive.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('terminals.archive.loadFailed')}
        description={errorText(t, archive.error)}
      />
    );
  }
  if (!archive.data) return <Skeleton active />;
  const a = archive.data;
  const p = a.purchase;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="terminal-archive">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('terminals.archive.firstInstalledAt')}
            value={formatDate(a.totals.firstInstalledAt)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('terminals.archive.faultCount')} value={a.totals.faults} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('terminals.archive.repairCount')}
            value={a.totals.repairs}
            suffix={a.totals.repairs > 0 ? `· ${formatAmount(a.totals.repairCostMinor)}` : undefined}
            data-testid="archive-repairs"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('terminals.archive.inspectionCount')} value={a.totals.inspections} />
        </Col>
      </Row>
      <Card size="small" title={t('terminals.archive.purchase')}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'supplier', label: t('terminals.archive.supplier'), children: p.supplierName ?? '—' },
            {
              key: 'purchasedAt',
              label: t('terminals.archive.purchasedAt'),
              children: formatDate(p.purchasedAt),
            },
            {
              key: 'price',
              label: t('terminals.archive.unitPrice'),
              children: formatAmount(p.unitPriceMinor),
            },
            {
              key: 'procurement',
              label: t('terminals.archive.procurementNo'),
              children: <span style={mono}>{p.procurementNo ?? '—'}</span>,
            },
            {
              key: 'receipt',
              label: t('terminals.archive.receiptNo'),
              children: <span style={mono}>{p.receiptNo ?? '—'}</span>,
            },
            {
              key: 'received',
              label: t('terminals.archive.receivedAt'),
              children: `${formatDateTime(p.receivedAt)}${p.warehouse ? ` · ${p.warehouse}` : ''}`,
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('terminals.archive.locations')}>
            {a.locations.length === 0 ? (
              <Empty description={t('terminals.archive.noRecords')} />
            ) : (
              <Timeline
                data-testid="archive-locations"
                items={a.locations.map((l) => ({
                  color: locationColors[l.kind],
                  children: (
                    <div data-testid="archive-location" data-kind={l.kind}>
                      <Space size={4} wrap>
                        <Tag color={locationColors[l.kind]}>
                          {t(`terminals.archive.locationKinds.${l.kind}`)}
                        </Tag>
                        {l.mid && <span style={mono}>{l.mid}</span>}
                        {l.tid && <span style={mono}>TID {l.tid}</span>}
                      </Space>
                      {l.place && <div>{l.place}</div>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(l.from)}{' '}
                        {l.to
                          ? t('terminals.archive.until', { to: formatDateTime(l.to) })
                          : t('terminals.archive.now')}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('terminals.archive.repairs')} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="at"
              pagination={false}
              dataSource={a.repairs}
              locale={{ emptyText: t('terminals.archive.noRecords') }}
              scroll={{ x: 'max-content' }}
              data-testid="archive-repair-table"
              columns={[
                { key: 'at', title: t('terminals.archive.at'), render: (_, r) => formatDate(r.at) },
                { key: 'cause', title: t('terminals.archive.cause'), dataIndex: 'cause' },
                { key: 'parts', title: t('terminals.archive.parts'), render: (_, r) => r.parts ?? '—' },
                {
                  key: 'cost',
                  title: t('terminals.archive.cost'),
                  align: 'right',
                  render: (_, r) => (r.costMinor ? formatAmount(r.costMinor) : '—'),
                },
                { key: 'vendor', title: t('terminals.archive.vendor'), render: (_, r) => r.vendor ?? '—' },
              ]}
            />
          </Card>
          <Card size="small" title={t('terminals.archive.faults')}>
            <List
              size="small"
              dataSource={a.faults}
              locale={{ emptyText: t('terminals.archive.noRecords') }}
              renderItem={(f) => (
                <List.Item>
                  <Space>
                    <Typography.Text type="secondary">{formatDateTime(f.at)}</Typography.Text>
                    {f.reason}
                    <Typography.Text type="secondary">{f.by}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('terminals.archive.fieldWork')}>
        <List
          dataSource={a.fieldWork}
          locale={{ emptyText: t('terminals.archive.noFieldWork') }}
          data-testid="archive-field-work"
          renderItem={(w) => (
            <List.Item data-testid="archive-work-order" data-no={w.no} data-status={w.status}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <KindTag kind={w.kind} />
                    <Link to={`/work-orders/${w.id}`} style={mono}>
                      {w.no}
                    </Link>
                    <Tag>{t(`terminals.archive.statuses.${w.status}`)}</Tag>
                    <Typography.Text type="secondary">{w.merchantLabel}</Typography.Text>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={2}>
                    <span>
                      {formatDateTime(w.completedAt ?? w.createdAt)}
                      {w.engineerName ? ` · ${t('terminals.archive.engineer')} ${w.engineerName}` : ''}
                      {w.signedBy ? ` · ${t('terminals.archive.signedBy', { name: w.signedBy })}` : ''}
                    </span>
                    {w.result && <span>{w.result}</span>}
                    {w.testApproved !== null && (
                      <Tag color={w.testApproved ? 'success' : 'error'}>
                        {w.testApproved
                          ? t('terminals.archive.testApproved')
                          : t('terminals.archive.testDeclined')}
                      </Tag>
                    )}
                    {w.findings.length > 0 && (
                      <Typography.Text type="warning">
                        {t('terminals.archive.findings')}:{' '}
                        {w.findings
                          .map(
                            (f) =>
                              `${t(`messages.checklist.${f.item}`, { defaultValue: f.item })}${f.note ? `（${f.note}）` : ''}`,
                          )
                          .join('；')}
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
