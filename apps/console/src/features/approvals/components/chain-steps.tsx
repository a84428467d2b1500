import { RightOutlined } from '@ant-design/icons';
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalChainStep } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { formatAmount } from '../../../app/format';
import { roleLabel, useRoles } from '../../roles/api';

/** A role code's name in the current language (the code itself when roles cannot be read). */
export function useRoleName(): (code: string) => string {
  const { i18n } = useTranslation();
  const access = useAccess();
  const roles = useRoles(access.can('role.read'));
  return (code) => {
    const role = roles.data?.find((r) => r.code === code);
    return role ? roleLabel(role, i18n.language) : code;
  };
}

/** The steps of a chain in order, e.g. "系统管理员 · 任意层级 → 审批员 · 总行 · 金额 ≥ ¥10,000.00". */
export function ChainSteps({ steps }: { steps: readonly ApprovalChainStep[] }) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  return (
    <Flex wrap gap={6} align="center">
      {steps.map((step, i) => (
        // Each step keeps its arrow, tag and conditions on one line when the list wraps.
        // biome-ignore lint/suspicious/noArrayIndexKey: a step is identified by its position
        <Flex key={i} gap={4} align="center" style={{ whiteSpace: 'nowrap' }} data-testid="chain-step">
          {i > 0 && <RightOutlined style={{ fontSize: 10, color: 'rgba(0,0,0,0.35)' }} />}
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {i + 1}. {roleName(step.roleCode)} · {t(`approvals.chains.levels.${step.orgLevel}`)}
          </Tag>
          {step.minAmountMinor !== undefined && (
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {t('approvals.chains.amountAtLeast', { amount: formatAmount(step.minAmountMinor) })}
            </Tag>
          )}
          {step.grades && step.grades.length > 0 && (
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              {t('approvals.chains.gradeIn', { grades: step.grades.join('/') })}
            </Tag>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
