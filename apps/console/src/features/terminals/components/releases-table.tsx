import { App, Button, Flex, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { errorText, useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { mono } from '../model';
import { useReleaseEvent, useReleases } from '../upgrade-api';
import {
  megabytes,
  type Release,
  type ReleaseKind,
  type ReleaseStatus,
  releaseKinds,
} from '../upgrade-model';
import { ReleaseKindTag, ReleaseStatusTag } from './campaign-tags';
import { TerminalModelSelect } from './catalogue-selects';
import { rowAttrs } from './row-attrs';

/**
 * 版本: every model's releases, newest first; for `catalogue.manage`, edit a draft, publish it, withdraw
 * (with the reason: the campaigns rolling it out pause).
 */
export function ReleasesTable({ onEdit }: { onEdit: (release: Release) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const releases = useReleases();
  const move = useReleaseEvent();
  const [modelId, setModelId] = useState<string | undefined>();
  const [withdrawing, setWithdrawing] = useState<Release | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const manage = access.can('catalogue.manage');
  const items = (releases.data ?? []).filter((r) => !modelId || r.modelId === modelId);

  const run = async (release: Release, event: 'publish' | 'withdraw', reason?: string) => {
    try {
      await move.mutateAsync({ id: release.id, event, ...(reason ? { reason } : {}) });
      message.success(
        t(`terminals.upgrade.release${event === 'publish' ? 'Published' : 'Withdrawn'}`, {
          name: release.modelName,
          version: release.version,
        }),
      );
      setWithdrawing(null);
    } catch (error) {
      if (event === 'withdraw') report(error, form);
      else message.error(errorText(t, error));
    }
  };

  const columns: ColumnsType<Release> = [
    { title: t('terminals.upgrade.fields.model'), dataIndex: 'modelName', width: 130 },
    {
      title: t('terminals.upgrade.fields.kind'),
      dataIndex: 'kind',
      width: 80,
      filters: releaseKinds.map((k) => ({ value: k, text: t(`terminals.upgrade.kinds.${k}`) })),
      onFilter: (value, r) => r.kind === value,
      render: (kind: ReleaseKind) => <ReleaseKindTag kind={kind} />,
    },
    {
      title: t('terminals.upgrade.fields.version'),
      dataIndex: 'version',
      width: 110,
      render: (v: string) => <span style={mono}>{v}</span>,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: ReleaseStatus, r) => (
        <span title={r.withdrawnReason ?? undefined}>
          <ReleaseStatusTag status={s} />
        </span>
      ),
    },
    {
      title: t('terminals.upgrade.fields.package'),
      key: 'package',
      width: 200,
      render: (_: unknown, r) => (
        <Flex vertical>
          <Typography.Text style={{ ...mono, fontSize: 12 }} copyable={{ text: r.packageSha256 }}>
            {r.packageSha256.slice(0, 16)}…
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {megabytes(r.packageBytes)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('terminals.upgrade.fields.notes'),
      dataIndex: 'notes',
      ellipsis: true,
      render: (notes: string) => <span title={notes}>{notes || '—'}</span>,
    },
    {
      title: t('terminals.upgrade.fields.releasedAt'),
      dataIndex: 'releasedAt',
      width: 150,
      render: (at: string | null) => formatDateTime(at),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, r: Release) => (
              <Space size={0}>
                {r.status === 'draft' && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => onEdit(r)}
                    data-testid={`release-edit-${r.version}`}
                  >
                    {t('common.edit')}
                  </Button>
                )}
                {r.allowedEvents.includes('publish') && (
                  <Popconfirm
                    title={t('terminals.upgrade.publishConfirm', { name: r.modelName, version: r.version })}
                    onConfirm={() => run(r, 'publish')}
                    okButtonProps={{ 'data-testid': 'release-publish-confirm' }}
                  >
                    <Button type="link" size="small" data-testid={`release-publish-${r.version}`}>
                      {t('terminals.upgrade.releaseEvents.publish')}
                    </Button>
                  </Popconfirm>
                )}
                {r.allowedEvents.includes('withdraw') && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => setWithdrawing(r)}
                    data-testid={`release-withdraw-${r.version}`}
                  >
                    {t('terminals.upgrade.releaseEvents.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <TerminalModelSelect
          allowClear
          value={modelId}
          onChange={setModelId}
          testId="releases-filter-model"
        />
      </Flex>
      <Table<Release>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={releases.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1100 }}
        onRow={(r) =>
          rowAttrs({ 'data-testid': 'release-row', 'data-version': r.version, 'data-status': r.status })
        }
        data-testid="releases-table"
      />
      <Modal
        open={withdrawing !== null}
        title={
          withdrawing
            ? t('terminals.upgrade.withdrawTitle', {
                name: withdrawing.modelName,
                version: withdrawing.version,
              })
            : ''
        }
        okButtonProps={{ danger: true, loading: move.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setWithdrawing(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={({ reason }: { reason: string }) =>
            withdrawing && run(withdrawing, 'withdraw', reason.trim())
          }
        >
          <Form.Item
            name="reason"
            label={t('terminals.upgrade.reason')}
            extra={t('terminals.upgrade.withdrawHint')}
            rules={[
              { required: true, whitespace: true, min: 2, message: t('terminals.upgrade.reasonRequired') },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              autoFocus
              data-testid="release-withdraw-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
