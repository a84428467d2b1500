import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserListItem, UserListQuery, UserSort, UserStatus } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { StatusTag } from '../../../app/components/status-tag';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { OrgTreeSelect } from '../../orgs/components/org-tree-select';
import { useUsers } from '../api';
import { CreateUserModal } from '../components/create-user-modal';
import { type InitialPasswordInfo, InitialPasswordModal } from '../components/initial-password-modal';
import { RoleSelect } from '../components/role-select';
import { UserDrawer } from '../components/user-drawer';

interface Filters {
  q?: string;
  orgId?: string;
  status?: UserStatus;
  roleCode?: string;
  kind?: 'staff' | 'portal' | 'all';
}

type SortField = 'username' | 'createdAt' | 'lastLoginAt';

function sortOrderOf(sort: UserSort, field: SortField) {
  if (sort === field) return 'ascend' as const;
  if (sort === `-${field}`) return 'descend' as const;
  return null;
}

export function UsersPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [form] = Form.useForm<Filters>();
  const pager = useCursorPager();
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<UserSort>('username');
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [password, setPassword] = useState<InitialPasswordInfo | null>(null);

  const query: UserListQuery = {
    ...filters,
    q: filters.q?.trim() || undefined,
    sort,
    cursor: pager.cursor,
    limit: 20,
  };
  const users = useUsers(query);

  const columns: ColumnsType<UserListItem> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'username'),
      render: (username: string, u) => (
        <Typography.Link onClick={() => setOpenId(u.id)} data-testid={`user-open-${username}`}>
          {username}
        </Typography.Link>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.org'), dataIndex: 'orgName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: UserListItem['roles']) => (
        <Flex wrap gap={4}>
          {roles.map((r) => (
            <Tag key={r.id}>{r.name}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string, u) => (
        <>
          <StatusTag status={s} />
          {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
            <Tag color="orange">{t('users.locked')}</Tag>
          )}
        </>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'lastLoginAt'),
      render: formatDateTime,
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'createdAt'),
      render: formatDateTime,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          access.can('user.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="create-user"
            >
              {t('users.create')}
            </Button>
          )
        }
      />
      <SearchForm<Filters>
        form={form}
        onSearch={(values) => {
          pager.reset();
          setFilters({ ...values });
        }}
        testId="users-search"
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('users.keywordPlaceholder')} data-testid="users-filter-q" />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')}>
          <OrgTreeSelect allowClear testId="users-filter-org" />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={[
              { value: 'active', label: t('status.active') },
              { value: 'disabled', label: t('status.disabled') },
            ]}
            data-testid="users-filter-status"
          />
        </Form.Item>
        <Form.Item name="roleCode" label={t('users.role')}>
          <RoleSelect
            valueField="code"
            allowClear
            placeholder={t('common.all')}
            style={{ width: 180 }}
            testId="users-filter-role"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('users.kind.label')}>
          <Select
            style={{ width: 140 }}
            placeholder={t('users.kind.staff')}
            allowClear
            options={(['staff', 'portal', 'all'] as const).map((k) => ({
              value: k,
              label: t(`users.kind.${k}`),
            }))}
            data-testid="users-filter-kind"
          />
        </Form.Item>
      </SearchForm>
      <Card>
        <Table<UserListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          pagination={false}
          onChange={(_p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<UserListItem> | undefined;
            const field = s?.columnKey as SortField | undefined;
            pager.reset();
            if (!field || !s?.order) setSort('username');
            else setSort((s.order === 'descend' ? `-${field}` : field) as UserSort);
          }}
          data-testid="users-table"
        />
        <CursorPager pager={pager} nextCursor={users.data?.nextCursor} loading={users.isFetching} />
      </Card>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setPassword({
            username: result.user.username,
            password: result.initialPassword,
            pendingApprovals: result.pendingApprovalIds.length,
          });
        }}
      />
      <UserDrawer id={openId} onClose={() => setOpenId(null)} onPassword={setPassword} />
      <InitialPasswordModal info={password} onClose={() => setPassword(null)} />
    </>
  );
}
