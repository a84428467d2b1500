import {
  Alert,
  Card,
  Descriptions,
  Drawer,
  Flex,
  List,
  Progress,
  Result,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../app/errors';
import { formatDateTime, formatNumber } from '../../../app/format';
import { mono } from '../model';
import { useCampaign } from '../upgrade-api';
import { type CampaignDetail, type StageCounts, upgradedPercent } from '../upgrade-model';
import { CampaignActions } from './campaign-actions';
import { CampaignChart } from './campaign-chart';
import { CampaignStateTag, pauseText, ReleaseKindTag, readingText } from './campaign-tags';
import { CampaignTargetsTable } from './campaign-targets-table';

/** 升级任务详情: what it rolls out to whom, why it is paused, each stage's progress, health, its units. */
export function CampaignDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  const d = campaign.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={860}
      title={d ? t('terminals.upgrade.detailTitle', { no: d.no }) : t('common.detail')}
      extra={d && <CampaignActions campaign={d} size="middle" />}
      data-testid="campaign-detail"
    >
      {campaign.isError ? (
        <Result status="warning" title={errorText(t, campaign.error)} />
      ) : d && d.id === id ? (
        <CampaignView campaign={d} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function StageProgress({ label, counts, open }: { label: string; counts: StageCounts; open: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} style={{ flex: 1, minWidth: 220 }} data-testid="stage-progress">
      <Typography.Text strong>
        {label}{' '}
        {!open && counts.total > 0 && counts.upgraded < counts.total && (
          <Typography.Text type="secondary">{t('terminals.upgrade.stageWaiting')}</Typography.Text>
        )}
      </Typography.Text>
      <Progress
        percent={upgradedPercent(counts.upgraded, counts.total)}
        format={() => `${formatNumber(counts.upgraded)}/${formatNumber(counts.total)}`}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('terminals.upgrade.stageCounts', {
          scheduled: formatNumber(counts.scheduled),
          pending: formatNumber(counts.pending),
          failed: formatNumber(counts.failed),
        })}
      </Typography.Text>
    </Flex>
  );
}

function CampaignView({ campaign: d }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const rolloutOpen = d.state === 'rolling' || d.state === 'completed';
  return (
    <>
      {d.pause && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(d.pause.automatic ? 'terminals.upgrade.pausedAuto' : 'terminals.upgrade.pausedBy', {
            at: formatDateTime(d.pause.at),
          })}
          description={pauseText(t, d.pause)}
          data-testid="campaign-pause"
          data-reason={d.pause.reason}
        />
      )}
      <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('terminals.upgrade.fields.name')} span={2}>
          <Flex gap={8} align="center" wrap>
            <span>{d.name}</span>
            <CampaignStateTag state={d.state} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.upgrade.fields.release')}>
          <Flex gap={4} align="center" wrap>
            {d.modelName} <ReleaseKindTag kind={d.kind} />
            <span style={mono}>{d.version}</span>
            {d.releaseStatus !== 'published' && (
              <Tag color="volcano">{t(`terminals.upgrade.releaseStatuses.${d.releaseStatus}`)}</Tag>
            )}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.upgrade.fields.org')}>{d.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('terminals.upgrade.fields.fromVersions')}>
          {d.fromVersions.length > 0 ? (
            <span style={mono}>{d.fromVersions.join(', ')}</span>
          ) : (
            t('terminals.upgrade.anyOtherVersion')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.upgrade.fields.canaryPercent')}>
          {t('terminals.upgrade.canaryOf', {
            percent: d.canaryPercent,
            units: formatNumber(d.state === 'draft' ? (d.preview?.canary ?? 0) : d.canaryTargets),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.upgrade.fields.startedAt')}>
          {formatDateTime(d.startedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.upgrade.fields.canaryPassedAt')}>
          {formatDateTime(d.canaryPassedAt)}
        </Descriptions.Item>
      </Descriptions>
      {d.preview && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            d.preview.targets > 0
              ? t('terminals.upgrade.preview', {
                  targets: formatNumber(d.preview.targets),
                  canary: formatNumber(d.preview.canary),
                })
              : t('terminals.upgrade.previewNone')
          }
          description={
            d.preview.noWindow > 0 ? t('terminals.upgrade.noWindow', { n: d.preview.noWindow }) : undefined
          }
          data-testid="campaign-preview"
        />
      )}
      {d.state !== 'draft' && (
        <>
          <Card size="small" title={t('terminals.upgrade.progressTitle')} style={{ marginBottom: 16 }}>
            <Flex gap={24} wrap style={{ marginBottom: 8 }}>
              <StageProgress label={t('terminals.upgrade.stages.canary')} counts={d.progress.canary} open />
              <StageProgress
                label={t('terminals.upgrade.stages.rollout')}
                counts={d.progress.rollout}
                open={rolloutOpen}
              />
            </Flex>
            <CampaignChart campaign={d} />
            {d.noWindow > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('terminals.upgrade.noWindow', { n: d.noWindow })}
                data-testid="campaign-no-window"
              />
            )}
          </Card>
          <Card size="small" title={t('terminals.upgrade.health.title')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.health}
              renderItem={(r) => (
                <List.Item
                  data-testid="campaign-health"
                  data-check={r.check}
                  data-failing={String(r.failing)}
                >
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{t(`terminals.upgrade.health.${r.check}`)}</Typography.Text>
                    <Tag color={!r.measured ? 'default' : r.failing ? 'red' : 'green'}>
                      {t(
                        `terminals.upgrade.health.${!r.measured ? 'notMeasuredTag' : r.failing ? 'failing' : 'ok'}`,
                      )}
                    </Tag>
                    <Typography.Text type="secondary">{readingText(t, r)}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
          <Typography.Title level={5}>{t('terminals.upgrade.targetsTitle')}</Typography.Title>
          <CampaignTargetsTable campaignId={d.id} />
        </>
      )}
    </>
  );
}
