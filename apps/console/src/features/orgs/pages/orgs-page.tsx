import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { StatusTag } from '../../../app/components/status-tag';
import { formatDateTime } from '../../../app/format';
import { buildOrgTree, type OrgNode, useOrgs } from '../api';
import { OrgFormModal, type OrgFormTarget } from '../components/org-form-modal';

const kindColors: Record<string, string> = {
  head_office: 'gold',
  branch: 'blue',
  outlet: 'cyan',
  agent: 'purple',
};

/** Keeps the nodes that match (and the path down to them). */
function filterTree(nodes: OrgNode[], text: string): OrgNode[] {
  const out: OrgNode[] = [];
  for (const n of nodes) {
    const children = n.children ? filterTree(n.children, text) : [];
    const hit = n.name.toLowerCase().includes(text) || n.code.toLowerCase().includes(text);
    if (hit || children.length > 0) {
      const { children: _drop, ...rest } = n;
      out.push(children.length > 0 ? { ...rest, children } : rest);
    }
  }
  return out;
}

function allIds(nodes: OrgNode[]): string[] {
  return nodes.flatMap((n) => [n.id, ...(n.children ? allIds(n.children) : [])]);
}

export function OrgsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const orgs = useOrgs();
  const [keyword, setKeyword] = useState('');
  const [target, setTarget] = useState<OrgFormTarget | null>(null);
  const [collapsed, setCollapsed] = useState<string[] | null>(null);

  const tree = useMemo(() => {
    const full = buildOrgTree(orgs.data ?? []);
    const text = keyword.trim().toLowerCase();
    return text ? filterTree(full, text) : full;
  }, [orgs.data, keyword]);
  const ids = useMemo(() => allIds(tree), [tree]);
  const expanded = collapsed === null ? ids : ids.filter((id) => !collapsed.includes(id));

  const columns: ColumnsType<OrgNode> = [
    { title: t('orgs.name'), dataIndex: 'name' },
    { title: t('orgs.code'), dataIndex: 'code', width: 160 },
    {
      title: t('orgs.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (kind: string) => (
        <Tag color={kindColors[kind]}>{t(`orgs.kinds.${kind}`, { defaultValue: kind })}</Tag>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => <StatusTag status={s} />,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 180, render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, org: Org) => (
        <Space>
          {access.can('org.create') && org.status === 'active' && (
            <Button
              size="small"
              type="link"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create', parent: org })}
              data-testid={`org-add-child-${org.code}`}
            >
              {t('orgs.addChild')}
            </Button>
          )}
          {access.can('org.update') && (
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => setTarget({ mode: 'edit', org })}
              data-testid={`org-edit-${org.code}`}
            >
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('orgs.title')} />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            allowClear
            placeholder={`${t('orgs.name')} / ${t('orgs.code')}`}
            onSearch={setKeyword}
            style={{ width: 260 }}
            data-testid="org-search"
          />
          <Button onClick={() => setCollapsed(null)}>{t('orgs.expandAll')}</Button>
          <Button onClick={() => setCollapsed(ids)}>{t('orgs.collapseAll')}</Button>
        </Space>
        <Table<OrgNode>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tree}
          loading={orgs.isFetching}
          pagination={false}
          expandable={{
            expandedRowKeys: expanded,
            onExpandedRowsChange: (keys) => setCollapsed(ids.filter((id) => !keys.includes(id))),
          }}
          data-testid="orgs-table"
        />
      </Card>
      <OrgFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
