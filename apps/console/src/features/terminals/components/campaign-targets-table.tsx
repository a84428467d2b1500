import { Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CursorPager } from '../../../app/components/cursor-pager';
import { formatDateTime, formatRelative } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { mono } from '../model';
import { useCampaignTargets } from '../upgrade-api';
import { type CampaignTarget, type TargetStage, type TargetStatus, targetStatuses } from '../upgrade-model';
import { TargetStatusTag } from './campaign-tags';
import { rowAttrs } from './row-attrs';

const windowColors = { open: 'green', closed: 'default', none: 'orange' } as const;

/** 终端明细: a campaign's units by serial number, filtered by stage and status, page by page. */
export function CampaignTargetsTable({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const pager = useCursorPager();
  const [stage, setStage] = useState<TargetStage | undefined>();
  const [status, setStatus] = useState<TargetStatus | undefined>();
  const targets = useCampaignTargets(campaignId, { stage, status, cursor: pager.cursor });

  const columns: ColumnsType<CampaignTarget> = [
    {
      title: t('terminals.fields.serialNo'),
      dataIndex: 'serialNo',
      width: 170,
      render: (serial: string, u) => (
        <Link to={`/terminals/${u.terminalId}`} style={mono}>
          {serial}
        </Link>
      ),
    },
    {
      title: t('terminals.upgrade.fields.stage'),
      dataIndex: 'stage',
      width: 70,
      render: (s: TargetStage) => t(`terminals.upgrade.stages.${s}`),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: TargetStatus, u) => (
        <Tooltip title={u.failReason ? t('terminals.upgrade.failReasons.timeout') : undefined}>
          <span>
            <TargetStatusTag status={s} />
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('terminals.upgrade.fields.versions'),
      key: 'versions',
      width: 130,
      render: (_: unknown, u) => (
        <span style={mono}>
          {u.fromVersion ?? '—'} → {u.currentVersion ?? '—'}
        </span>
      ),
    },
    {
      title: t('terminals.upgrade.fields.window'),
      dataIndex: 'window',
      width: 150,
      render: (w: CampaignTarget['window'], u) => (
        <Flex vertical>
          <span>
            <Tag color={windowColors[w]} data-testid="target-window" data-window={w}>
              {t(`terminals.upgrade.windows.${w}`)}
            </Tag>
          </span>
          {u.businessHours && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('terminals.upgrade.businessHours', u.businessHours)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('terminals.upgrade.fields.lastHeartbeat'),
      dataIndex: 'lastHeartbeatAt',
      width: 130,
      render: (at: string | null, u) => (
        <Flex vertical>
          <span title={formatDateTime(at)}>{at ? formatRelative(at) : '—'}</span>
          {u.offline && (
            <span>
              <Tag color="orange">{t('terminals.upgrade.offline')}</Tag>
            </span>
          )}
        </Flex>
      ),
    },
    {
      title: t('terminals.upgrade.fields.upgradedAt'),
      dataIndex: 'upgradedAt',
      width: 150,
      render: (at: string | null, u) => formatDateTime(at ?? u.scheduledAt),
    },
  ];

  const reset = () => pager.reset();
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Select<TargetStage>
          allowClear
          placeholder={t('terminals.upgrade.fields.stage')}
          value={stage}
          onChange={(v) => {
            setStage(v);
            reset();
          }}
          style={{ width: 120 }}
          options={(['canary', 'rollout'] as const).map((s) => ({
            value: s,
            label: t(`terminals.upgrade.stages.${s}`),
          }))}
          data-testid="targets-filter-stage"
        />
        <Select<TargetStatus>
          allowClear
          placeholder={t('common.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          style={{ width: 160 }}
          options={targetStatuses.map((s) => ({
            value: s,
            label: t(`terminals.upgrade.targetStatuses.${s}`),
          }))}
          data-testid="targets-filter-status"
        />
      </Flex>
      <Table<CampaignTarget>
        rowKey="terminalId"
        size="small"
        columns={columns}
        dataSource={targets.data?.items ?? []}
        loading={targets.isFetching}
        pagination={false}
        scroll={{ x: 910 }}
        onRow={(u) =>
          rowAttrs({ 'data-testid': 'target-row', 'data-serial': u.serialNo, 'data-status': u.status })
        }
        data-testid="campaign-targets"
      />
      <CursorPager
        pager={pager}
        nextCursor={targets.data?.nextCursor}
        loading={targets.isFetching}
        testIdPrefix="targets"
      />
    </>
  );
}
