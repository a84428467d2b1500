import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/page-header';
import { downloadCsv } from '../../../app/csv';
import { formatDate, formatDateTime } from '../../../app/format';
import { rowAttrs } from '../../terminals/components/row-attrs';
import { useWorkOrders } from '../api';
import { AssignModal } from '../components/assign-modal';
import { WorkOrderActions } from '../components/work-order-actions';
import { DueText, KindTag, StatusTag } from '../components/work-order-tags';
import {
  isKind,
  isStatus,
  mono,
  WORK_ORDER_LIST_LIMIT,
  type WorkOrderListItem,
  type WorkOrderQuery,
  workOrderKinds,
} from '../model';

type TabKey = 'open' | 'overdue' | 'completed' | 'cancelled' | 'all';
const tabKeys: readonly TabKey[] = ['open', 'overdue', 'completed', 'cancelled', 'all'];

/** The tab the URL names: `?overdue=1` (the overdue notification's link) wins, else `?status=`, else open. */
function tabOf(params: URLSearchParams): TabKey {
  if (params.get('overdue') === '1' || params.get('overdue') === 'true') return 'overdue';
  const status = params.get('status');
  if (status === 'all') return 'all';
  return isStatus(status) ? status : 'open';
}

function queryOf(tab: TabKey, kind: WorkOrderQuery['kind']): WorkOrderQuery {
  if (tab === 'overdue') return { overdue: true, kind };
  if (tab === 'all') return { kind };
  return { status: tab, kind };
}

/** 工单: the work orders of the user's subtree, soonest due first, with 派单 and the site page of each. */
export function WorkOrdersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params);
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const orders = useWorkOrders(queryOf(tab, kind));
  const overdue = useWorkOrders({ overdue: true });
  const [assigning, setAssigning] = useState<WorkOrderListItem | null>(null);
  const items = orders.data ?? [];

  const go = (nextTab: TabKey, nextKind: typeof kind) => {
    const next: Record<string, string> = {};
    if (nextTab === 'overdue') next.overdue = '1';
    else if (nextTab !== 'open') next.status = nextTab;
    if (nextKind) next.kind = nextKind;
    setParams(next, { replace: true });
  };

  const onExport = () =>
    downloadCsv(
      `${t('workorders.exportFile')}-${formatDate(new Date().toISOString())}.csv`,
      [
        t('workorders.fields.no'),
        t('workorders.fields.kind'),
        t('workorders.fields.status'),
        t('workorders.fields.merchant'),
        t('workorders.fields.terminalModel'),
        t('workorders.fields.serialNo'),
        t('workorders.fields.assignee'),
        t('workorders.fields.appointmentAt'),
        t('workorders.fields.dueAt'),
        t('workorders.overdue'),
        t('workorders.fields.escalatedAt'),
        t('workorders.fields.createdAt'),
        t('workorders.fields.completedAt'),
      ],
      items.map((w) => [
        w.no,
        t(`workorders.kinds.${w.kind}`),
        t(`workorders.statuses.${w.status}`),
        w.merchantLabel,
        w.terminalModel ?? '',
        w.serialNo ?? '',
        w.assignee?.name ?? '',
        w.appointmentAt ? formatDateTime(w.appointmentAt) : '',
        formatDateTime(w.dueAt),
        w.overdue ? t('common.yes') : '',
        w.escalatedAt ? formatDateTime(w.escalatedAt) : '',
        formatDateTime(w.createdAt),
        w.completedAt ? formatDateTime(w.completedAt) : '',
      ]),
    );

  const columns: ColumnsType<WorkOrderListItem> = [
    {
      title: t('workorders.fields.no'),
      dataIndex: 'no',
      width: 170,
      render: (no: string, w) => (
        <Link to={`/work-orders/${w.id}`} style={mono} data-testid={`wo-open-${no}`}>
          {no}
        </Link>
      ),
    },
    {
      title: t('workorders.fields.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (_: unknown, w) => <KindTag kind={w.kind} />,
    },
    ...(tab === 'all'
      ? [
          {
            title: t('workorders.fields.status'),
            dataIndex: 'status',
            width: 90,
            render: (_: unknown, w: WorkOrderListItem) => <StatusTag status={w.status} />,
          },
        ]
      : []),
    {
      title: t('workorders.fields.merchant'),
      dataIndex: 'merchantLabel',
      width: 200,
      render: (label: string, w) => (
        <Link to={`/merchants/${w.merchantId}`} data-testid={`wo-merchant-${w.no}`}>
          {label}
        </Link>
      ),
    },
    {
      title: t('workorders.fields.terminal'),
      key: 'terminal',
      width: 170,
      render: (_: unknown, w) => (
        <Flex vertical>
          <span>{w.terminalModel ?? '—'}</span>
          {w.serialNo && (
            <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
              {w.serialNo}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('workorders.fields.assignee'),
      key: 'assignee',
      width: 110,
      render: (_: unknown, w) =>
        w.assignee ? (
          w.assignee.name
        ) : (
          <Tag color={w.status === 'open' ? 'orange' : 'default'}>{t('workorders.unassigned')}</Tag>
        ),
    },
    {
      title: t('workorders.fields.appointmentAt'),
      dataIndex: 'appointmentAt',
      width: 165,
      render: (at: string | null) => formatDateTime(at),
    },
    {
      title: t('workorders.fields.dueAt'),
      dataIndex: 'dueAt',
      width: 200,
      render: (_: unknown, w) => <DueText order={w} />,
    },
    ...(tab === 'completed' || tab === 'all'
      ? [
          {
            title: t('workorders.fields.completedAt'),
            dataIndex: 'completedAt',
            width: 165,
            render: (at: string | null) => formatDateTime(at),
          },
        ]
      : []),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_: unknown, w) => <WorkOrderActions order={w} onAssign={setAssigning} />,
    },
  ];

  const overdueCount = overdue.data?.length;
  return (
    <>
      <PageHeader title={t('workorders.title')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => go(tabKeys.find((k) => k === key) ?? 'open', kind)}
          tabBarExtraContent={
            <Flex gap={8} wrap>
              <Select
                allowClear
                value={kind}
                placeholder={t('workorders.allKinds')}
                style={{ width: 140 }}
                onChange={(value: string | undefined) => {
                  const next = value ?? null;
                  go(tab, isKind(next) ? next : undefined);
                }}
                options={workOrderKinds.map((k) => ({ value: k, label: t(`workorders.kinds.${k}`) }))}
                data-testid="wo-kind-filter"
              />
              <Button
                icon={<DownloadOutlined />}
                onClick={onExport}
                disabled={items.length === 0}
                data-testid="wo-export"
              >
                {t('common.export')}
              </Button>
            </Flex>
          }
          items={tabKeys.map((key) => ({
            key,
            label: (
              <span data-testid={`wo-tab-${key}`}>
                {t(`workorders.tabs.${key}`)}
                {key === 'overdue' && overdueCount !== undefined && overdueCount > 0 && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {overdueCount}
                  </Tag>
                )}
              </span>
            ),
          }))}
        />
        <Table<WorkOrderListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={orders.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1300 }}
          onRow={(w) =>
            rowAttrs({
              'data-testid': 'wo-row',
              'data-no': w.no,
              'data-kind': w.kind,
              'data-overdue': w.overdue ? 'true' : 'false',
            })
          }
          locale={{ emptyText: t('workorders.none') }}
          data-testid="wo-table"
        />
        {items.length >= WORK_ORDER_LIST_LIMIT && (
          <Typography.Text type="secondary">
            {t('workorders.limitNote', { n: WORK_ORDER_LIST_LIMIT })}
          </Typography.Text>
        )}
      </Card>
      <AssignModal
        order={assigning}
        onClose={() => setAssigning(null)}
        onDone={(w) =>
          message.success(t('workorders.assign.done', { no: w.no, name: w.assignee?.name ?? '' }))
        }
      />
    </>
  );
}
