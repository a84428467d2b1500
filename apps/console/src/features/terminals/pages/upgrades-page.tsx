import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Segmented, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { formatDateTime } from '../../../app/format';
import { CampaignActions } from '../components/campaign-actions';
import { CampaignDetailDrawer } from '../components/campaign-detail-drawer';
import { CampaignFormDrawer } from '../components/campaign-form-drawer';
import { CampaignProgress, CampaignStateTag, pauseText, ReleaseKindTag } from '../components/campaign-tags';
import { ReleaseFormDrawer } from '../components/release-form-drawer';
import { ReleasesTable } from '../components/releases-table';
import { rowAttrs } from '../components/row-attrs';
import { mono } from '../model';
import { useCampaigns } from '../upgrade-api';
import {
  CAMPAIGN_LIST_LIMIT,
  type Campaign,
  type CampaignFilter,
  campaignFilters,
  inFilter,
  type Release,
} from '../upgrade-model';

type Tab = 'campaigns' | 'releases';

/**
 * 远程升级: upgrade campaigns of the user's subtree (state, progress, why paused, the moves allowed) and
 * the releases of every model. `?tab=releases` shows the releases, `?filter=` filters the campaigns,
 * `?campaign=` opens one (a pause notification links there).
 */
export function UpgradesPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'releases' ? 'releases' : 'campaigns';
  const filter = campaignFilters.find((f) => f === params.get('filter')) ?? 'all';
  const openId = params.get('campaign');
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const [release, setRelease] = useState<Release | null | undefined>(undefined);
  const items = (campaigns.data ?? []).filter((c) => inFilter(c.state, filter));

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value) p.set(key, value);
          else p.delete(key);
        }
        return p;
      },
      { replace: true },
    );

  const columns: ColumnsType<Campaign> = [
    {
      title: t('terminals.upgrade.fields.no'),
      dataIndex: 'no',
      width: 190,
      fixed: 'left',
      render: (no: string, c) => (
        <Flex vertical>
          <Typography.Link
            onClick={() => update({ campaign: c.id })}
            style={mono}
            data-testid={`campaign-open-${no}`}
          >
            {no}
          </Typography.Link>
          <Typography.Text style={{ fontSize: 12 }} ellipsis title={c.name}>
            {c.name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'state',
      width: 100,
      render: (_: unknown, c) => (
        <Flex vertical gap={2} align="flex-start">
          <CampaignStateTag state={c.state} />
          {c.pause && (
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="campaign-pause-reason">
              {t(`terminals.upgrade.pauseReasons.${c.pause.reason}`)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('terminals.upgrade.fields.release'),
      key: 'release',
      width: 170,
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          {c.modelName}
          <ReleaseKindTag kind={c.kind} />
          <span style={mono}>{c.version}</span>
        </Space>
      ),
    },
    { title: t('terminals.upgrade.fields.org'), dataIndex: 'orgName', width: 110, ellipsis: true },
    {
      title: t('terminals.upgrade.fields.canaryPercent'),
      dataIndex: 'canaryPercent',
      width: 64,
      align: 'right',
      render: (p: number) => `${p}%`,
    },
    {
      title: t('terminals.upgrade.fields.progress'),
      key: 'progress',
      width: 180,
      render: (_: unknown, c) => <CampaignProgress campaign={c} width={170} />,
    },
    {
      title: t('terminals.upgrade.fields.startedAt'),
      dataIndex: 'startedAt',
      width: 140,
      render: (at: string | null, c) => (
        <span title={c.pause ? pauseText(t, c.pause) : undefined}>{formatDateTime(at)}</span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, c) => <CampaignActions campaign={c} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.upgrade.title')}
        extra={
          <Space>
            {access.can('catalogue.manage') && (
              <Button icon={<PlusOutlined />} onClick={() => setRelease(null)} data-testid="release-create">
                {t('terminals.upgrade.createRelease')}
              </Button>
            )}
            {access.can('terminal.upgrade') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="campaign-create"
              >
                {t('terminals.upgrade.createCampaign')}
              </Button>
            )}
          </Space>
        }
      />
      <Alert type="info" showIcon title={t('terminals.upgrade.hint')} style={{ marginBottom: 16 }} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'releases' ? 'releases' : null })}
          items={[
            {
              key: 'campaigns',
              label: (
                <span data-testid="upgrades-tab-campaigns">{t('terminals.upgrade.tabs.campaigns')}</span>
              ),
            },
            {
              key: 'releases',
              label: <span data-testid="upgrades-tab-releases">{t('terminals.upgrade.tabs.releases')}</span>,
            },
          ]}
        />
        {tab === 'campaigns' ? (
          <>
            <Segmented<CampaignFilter>
              value={filter}
              onChange={(next) => update({ filter: next === 'all' ? null : next })}
              options={campaignFilters.map((f) => ({ value: f, label: t(`terminals.upgrade.filters.${f}`) }))}
              style={{ marginBottom: 12 }}
              data-testid="campaigns-filter"
            />
            <Table<Campaign>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={items}
              loading={campaigns.isFetching}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 1100 }}
              onRow={(c) =>
                rowAttrs({ 'data-testid': 'campaign-row', 'data-no': c.no, 'data-state': c.state })
              }
              data-testid="campaigns-table"
            />
            {(campaigns.data?.length ?? 0) >= CAMPAIGN_LIST_LIMIT && (
              <Typography.Text type="secondary">
                {t('terminals.upgrade.limitNote', { n: CAMPAIGN_LIST_LIMIT })}
              </Typography.Text>
            )}
          </>
        ) : (
          <ReleasesTable onEdit={(r) => setRelease(r)} />
        )}
      </Card>
      <CampaignFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(campaign) => {
          setCreating(false);
          update({ campaign: campaign.id, tab: null });
        }}
      />
      <ReleaseFormDrawer
        open={release !== undefined}
        release={release ?? null}
        onClose={() => setRelease(undefined)}
      />
      <CampaignDetailDrawer id={openId} onClose={() => update({ campaign: null })} />
    </>
  );
}
