import { AuditOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewItem } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { StatusTag } from '../../../app/components/status-tag';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { useReviewItems } from '../api';
import { ReviewModal } from '../components/review-modal';

interface Filters {
  q?: string;
  dormant?: 'true' | 'false';
}

export function PermissionReviewPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [form] = Form.useForm<Filters>();
  const pager = useCursorPager();
  const [filters, setFilters] = useState<Filters>({});
  const [reviewing, setReviewing] = useState<ReviewItem | null>(null);
  const items = useReviewItems({
    q: filters.q?.trim() || undefined,
    dormant: filters.dormant,
    cursor: pager.cursor,
    limit: 20,
  });

  const columns: ColumnsType<ReviewItem> = [
    {
      title: t('review.user'),
      key: 'user',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.username}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('review.org'), dataIndex: 'orgName' },
    {
      title: t('review.roles'),
      dataIndex: 'roles',
      render: (roles: ReviewItem['roles']) => (
        <Flex wrap gap={4}>
          {roles.map((r) => (
            <Tag key={r.code} color={r.privileged ? 'red' : 'default'} data-privileged={r.privileged}>
              {r.name}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <StatusTag status={s} />,
    },
    {
      title: t('review.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (at: string | null, r) => (
        <Flex vertical align="start">
          {formatDateTime(at)}
          {r.dormant && (
            <Tag color="orange" data-testid="dormant-tag">
              {t('review.dormant')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('review.lastReviewed'),
      key: 'reviewed',
      render: (_, r) =>
        r.lastReviewedAt ? (
          <Flex vertical>
            {formatDateTime(r.lastReviewedAt)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.lastReviewedBy}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="warning">{t('review.never')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) =>
        access.can('permissionReview.record') && (
          <Button
            size="small"
            icon={<AuditOutlined />}
            onClick={() => setReviewing(r)}
            data-testid={`review-${r.username}`}
          >
            {t('review.review')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('review.title')} />
      <Typography.Paragraph type="secondary">{t('review.intro')}</Typography.Paragraph>
      <SearchForm<Filters>
        form={form}
        onSearch={(values) => {
          pager.reset();
          setFilters({ ...values });
        }}
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('review.keywordPlaceholder')} data-testid="review-filter-q" />
        </Form.Item>
        <Form.Item name="dormant" label={t('review.dormantFilter')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={[
              { value: 'true', label: t('review.onlyDormant') },
              { value: 'false', label: t('review.onlyActive') },
            ]}
            data-testid="review-filter-dormant"
          />
        </Form.Item>
      </SearchForm>
      <Card>
        <Table<ReviewItem>
          rowKey="userId"
          size="middle"
          columns={columns}
          dataSource={items.data?.items ?? []}
          loading={items.isFetching}
          pagination={false}
          data-testid="review-table"
        />
        <CursorPager pager={pager} nextCursor={items.data?.nextCursor} loading={items.isFetching} />
      </Card>
      <ReviewModal item={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
