import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddBlacklistBody, BlacklistEntry, BlacklistKind, BlacklistQuery } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { errorText, useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { useAddToBlacklist, useBlacklist, useRemoveFromBlacklist } from '../api';
import { CommentModal } from '../components/comment-modal';
import { blacklistKinds } from '../model';

const kindColors: Record<BlacklistKind, string> = {
  credit_code: 'volcano',
  id_number: 'magenta',
  account: 'gold',
  mobile: 'blue',
  merchant_name: 'purple',
};

function AddModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const add = useAddToBlacklist();
  const [form] = Form.useForm<AddBlacklistBody>();
  const kindOptions = blacklistKinds.map((k) => ({ value: k, label: t(`merchants.blacklist.kinds.${k}`) }));

  const onOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await add.mutateAsync({ kind: values.kind, value: values.value.trim(), reason: values.reason.trim() });
      message.success(t('merchants.blacklist.added'));
      form.resetFields();
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('merchants.blacklist.add')}
      onOk={onOk}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'blacklist-add-submit' }}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'credit_code' }}
        data-testid="blacklist-form"
      >
        <Form.Item name="kind" label={t('merchants.blacklist.kind')} rules={[{ required: true }]}>
          <Select options={kindOptions} data-testid="blacklist-kind" />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('merchants.blacklist.value')}
          extra={t('merchants.blacklist.valueHint')}
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 100, transform: (v?: string) => v?.trim() },
          ]}
        >
          <Input maxLength={100} autoComplete="off" data-testid="blacklist-value" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('merchants.blacklist.reason')}
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 500, transform: (v?: string) => v?.trim() },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="blacklist-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 黑名单: credit codes, ID numbers, accounts, mobiles and names that onboarding checks against. */
export function BlacklistPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const [form] = Form.useForm<{ kind?: BlacklistKind }>();
  const pager = useCursorPager();
  const [kind, setKind] = useState<BlacklistKind | undefined>();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<BlacklistEntry | null>(null);
  const remove = useRemoveFromBlacklist();
  const canManage = access.can('blacklist.manage');

  const query: BlacklistQuery = { kind, cursor: pager.cursor, limit: 20 };
  const entries = useBlacklist(query);

  const columns: ColumnsType<BlacklistEntry> = [
    {
      title: t('merchants.blacklist.kind'),
      dataIndex: 'kind',
      width: 170,
      render: (k: BlacklistKind) => (
        <Tag color={kindColors[k]}>{t(`merchants.blacklist.kinds.${k}`, { defaultValue: k })}</Tag>
      ),
    },
    {
      title: t('merchants.blacklist.valueMasked'),
      dataIndex: 'valueMasked',
      width: 240,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('merchants.blacklist.reason'), dataIndex: 'reason' },
    {
      title: t('merchants.blacklist.source'),
      dataIndex: 'source',
      width: 120,
      render: (s: string) => t(`merchants.blacklist.sources.${s}`, { defaultValue: s }),
    },
    {
      title: t('merchants.blacklist.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: formatDateTime,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, entry) => (
        <Button
          type="link"
          danger
          size="small"
          icon={<DeleteOutlined />}
          onClick={() => setRemoving(entry)}
          data-testid={`blacklist-remove-${entry.id}`}
        >
          {t('merchants.blacklist.remove')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('merchants.blacklist.title')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="blacklist-add"
            >
              {t('merchants.blacklist.add')}
            </Button>
          )
        }
      />
      <SearchForm<{ kind?: BlacklistKind }>
        form={form}
        onSearch={(values) => {
          pager.reset();
          setKind(values.kind);
        }}
        testId="blacklist-search"
      >
        <Form.Item name="kind" label={t('merchants.blacklist.kind')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 200 }}
            options={blacklistKinds.map((k) => ({ value: k, label: t(`merchants.blacklist.kinds.${k}`) }))}
            data-testid="blacklist-filter-kind"
          />
        </Form.Item>
      </SearchForm>
      <Card>
        <Table<BlacklistEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.isFetching}
          pagination={false}
          data-testid="blacklist-table"
        />
        <CursorPager pager={pager} nextCursor={entries.data?.nextCursor} loading={entries.isFetching} />
      </Card>
      <AddModal open={adding} onClose={() => setAdding(false)} />
      <CommentModal
        open={removing !== null}
        title={`${t('merchants.blacklist.removeTitle')}${removing ? ` · ${removing.valueMasked}` : ''}`}
        label={t('merchants.blacklist.removeReason')}
        minLength={2}
        maxLength={500}
        danger
        confirmLoading={remove.isPending}
        onOk={async (reason) => {
          if (!removing) return false;
          try {
            await remove.mutateAsync({ id: removing.id, reason });
            message.success(t('merchants.blacklist.removed'));
            setRemoving(null);
            return true;
          } catch (error) {
            message.error(errorText(t, error));
            return false;
          }
        }}
        onCancel={() => setRemoving(null)}
      />
    </>
  );
}
