import { Flex, Progress, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../app/format';
import {
  type Campaign,
  type CampaignState,
  campaignStateColors,
  type HealthReading,
  type ReleaseKind,
  type ReleaseStatus,
  releaseStatusColors,
  sharePercent,
  type TargetStatus,
  targetStatusColors,
  upgradedPercent,
} from '../upgrade-model';

export function CampaignStateTag({ state }: { state: CampaignState }) {
  const { t } = useTranslation();
  return (
    <Tag color={campaignStateColors[state]} data-testid="campaign-state" data-state={state}>
      {t(`terminals.upgrade.states.${state}`)}
    </Tag>
  );
}

export function TargetStatusTag({ status }: { status: TargetStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={targetStatusColors[status]} data-testid="target-status" data-status={status}>
      {t(`terminals.upgrade.targetStatuses.${status}`)}
    </Tag>
  );
}

export function ReleaseStatusTag({ status }: { status: ReleaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={releaseStatusColors[status]} data-testid="release-status" data-status={status}>
      {t(`terminals.upgrade.releaseStatuses.${status}`)}
    </Tag>
  );
}

export function ReleaseKindTag({ kind }: { kind: ReleaseKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'firmware' ? 'purple' : 'cyan'}>{t(`terminals.upgrade.kinds.${kind}`)}</Tag>;
}

/**
 * 升级进度: units that report the new version of all those targeted, with the canary's own count under
 * it (a draft has no targets yet: the bar waits).
 */
export function CampaignProgress({ campaign: c, width = 160 }: { campaign: Campaign; width?: number }) {
  const { t } = useTranslation();
  const { canary } = c.progress;
  const failed = canary.failed + c.progress.rollout.failed;
  return (
    <Flex
      vertical
      gap={2}
      style={{ width }}
      data-testid="campaign-progress"
      data-upgraded={c.progress.upgraded}
      data-targets={c.targets}
    >
      <Progress
        percent={upgradedPercent(c.progress.upgraded, c.targets)}
        size="small"
        status={c.state === 'completed' ? 'success' : c.pause ? 'exception' : 'normal'}
        format={() => `${formatNumber(c.progress.upgraded)}/${formatNumber(c.targets)}`}
        style={{ margin: 0 }}
      />
      {c.state !== 'draft' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('terminals.upgrade.canaryProgress', {
            upgraded: formatNumber(canary.upgraded),
            total: formatNumber(canary.total),
          })}
          {failed > 0 && (
            <Typography.Text type="danger" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {t('terminals.upgrade.failedUnits', { n: formatNumber(failed) })}
            </Typography.Text>
          )}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** A health reading as a sentence: upgraded vs not yet upgraded against the margin allowed. */
export function readingText(t: TFunction, r: HealthReading): string {
  if (!r.measured) return t(`terminals.upgrade.health.notMeasured.${r.check}`);
  return t('terminals.upgrade.health.reading', {
    upgraded: sharePercent(r.upgradedRate),
    upgradedBad: formatNumber(r.upgraded?.bad ?? 0),
    upgradedUnits: formatNumber(r.upgraded?.units ?? 0),
    baseline: sharePercent(r.baselineRate),
    threshold: sharePercent(r.threshold),
  });
}

/** Why a campaign is paused: the reason, and the reading or the note that goes with it. */
export function pauseText(t: TFunction, pause: NonNullable<Campaign['pause']>): string {
  const reason = t(`terminals.upgrade.pauseReasons.${pause.reason}`);
  const detail = pause.detail ? readingText(t, pause.detail) : pause.note;
  return detail ? t('terminals.upgrade.reasonWithDetail', { reason, detail }) : reason;
}
