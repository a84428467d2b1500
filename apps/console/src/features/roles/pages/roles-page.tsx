import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { usePermissionCatalogue, useRoles } from '../api';
import { RoleFormModal, type RoleFormTarget } from '../components/role-form-modal';

export function RolesPage() {
  const { t, i18n } = useTranslation();
  const access = useAccess();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const [target, setTarget] = useState<RoleFormTarget | null>(null);
  const labelOf = (key: string) => {
    const p = catalogue.data?.find((c) => c.key === key);
    return p ? (i18n.language === 'en-US' ? p.en : p.zh) : key;
  };

  const columns: ColumnsType<Role> = [
    { title: t('roles.code'), dataIndex: 'code', width: 160 },
    {
      title: t('roles.name'),
      key: 'name',
      render: (_, r) => (i18n.language === 'en-US' ? r.nameEn : r.name),
    },
    {
      title: t('roles.privileged'),
      dataIndex: 'privileged',
      width: 110,
      render: (p: boolean) => (p ? <Tag color="red">{t('roles.privileged')}</Tag> : null),
    },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (perms: string[]) => t('roles.permissionCount', { count: perms.length }),
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', width: 100 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) =>
        access.can('role.update') && (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setTarget({ mode: 'edit', role: r })}
            data-testid={`role-edit-${r.code}`}
          >
            {t('common.edit')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        extra={
          access.can('role.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTarget({ mode: 'create' })}
              data-testid="create-role"
            >
              {t('roles.create')}
            </Button>
          )
        }
      />
      <Card>
        <Table<Role>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.isFetching}
          pagination={false}
          expandable={{
            expandedRowRender: (r) => (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                {r.permissions.map((p) => (
                  <Tag key={p}>{labelOf(p)}</Tag>
                ))}
              </div>
            ),
          }}
          data-testid="roles-table"
        />
      </Card>
      <RoleFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
