import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type TerminalStatus, terminalStatusColors, terminalStatuses } from '../model';

export function TerminalStatusTag({ status }: { status: TerminalStatus }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`terminals.statusHints.${status}`)}>
      <Tag color={terminalStatusColors[status]} data-testid="terminal-status" data-status={status}>
        {t(`terminals.statuses.${status}`)}
      </Tag>
    </Tooltip>
  );
}

/**
 * The statuses with their colours and meaning, in lifecycle order; a click filters the ledger by that
 * status (a second click clears it).
 */
export function TerminalStatusLegend({
  selected,
  onSelect,
}: {
  selected: TerminalStatus | undefined;
  onSelect: (status: TerminalStatus | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex wrap align="center" gap={4} style={{ marginBottom: 12 }} data-testid="terminal-legend">
      <Typography.Text type="secondary" style={{ marginInlineEnd: 8, fontSize: 12 }}>
        {t('terminals.ledger.legend')}
      </Typography.Text>
      {terminalStatuses.map((s) => (
        <Tooltip key={s} title={t(`terminals.statusHints.${s}`)}>
          <Tag
            color={terminalStatusColors[s]}
            role="button"
            tabIndex={0}
            aria-pressed={selected === s}
            onClick={() => onSelect(selected === s ? undefined : s)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') onSelect(selected === s ? undefined : s);
            }}
            style={{
              cursor: 'pointer',
              opacity: selected === undefined || selected === s ? 1 : 0.4,
              fontWeight: selected === s ? 600 : undefined,
            }}
            data-testid={`terminal-legend-${s}`}
          >
            {t(`terminals.statuses.${s}`)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
