import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildOrgTree, type OrgNode, useOrgs } from '../api';

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

function toOptions(nodes: OrgNode[]): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: `${n.name} (${n.code})`,
    ...(n.children ? { children: toOptions(n.children) } : {}),
  }));
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
}

/** Picks one organisation from the caller's visible tree. */
export function OrgTreeSelect({ value, onChange, allowClear, style, testId }: Props) {
  const { t } = useTranslation();
  const orgs = useOrgs();
  const treeData = useMemo(() => toOptions(buildOrgTree(orgs.data ?? [])), [orgs.data]);
  return (
    <TreeSelect
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      loading={orgs.isPending}
      placeholder={t('orgs.selectOrg')}
      style={style ?? { width: 240 }}
      data-testid={testId}
    />
  );
}
