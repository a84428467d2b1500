import { ArrowRightOutlined, CopyOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Result, Skeleton, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../app/errors';
import { formatDateTime, formatNumber } from '../../../app/format';
import { useTransfer } from '../api';
import { mono, type TransferDetail } from '../model';
import { TransferActions } from './transfer-actions';
import { TransferKindTag, TransferStatusTag } from './transfer-tags';

/** A transfer with the serial numbers it carries; 签收 / 撤回 while it is in transit. */
export function TransferDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const transfer = useTransfer(id);
  const d = transfer.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={d ? t('terminals.transfers.detailTitle', { no: d.no }) : t('common.detail')}
      extra={d && <TransferActions transfer={d} size="middle" />}
      data-testid="transfer-detail"
    >
      {transfer.isError ? (
        <Result status="warning" title={errorText(t, transfer.error)} />
      ) : d && d.id === id ? (
        <TransferView transfer={d} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function TransferView({ transfer: d }: { transfer: TransferDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(d.serialNos.join('\n'));
      message.success(t('common.copied'));
    } catch {
      // no clipboard (insecure context): the list stays selectable
    }
  };
  return (
    <>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('terminals.transfers.no')}>
          <span style={mono} data-testid="transfer-no">
            {d.no}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.transfers.kind')}>
          <Space size={4}>
            <TransferKindTag kind={d.kind} />
            <TransferStatusTag status={d.status} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.transfers.route')}>
          <Space size={8}>
            {d.fromWarehouse.name}
            <ArrowRightOutlined />
            {d.toWarehouse.name}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.transfers.units')}>{formatNumber(d.units)}</Descriptions.Item>
        <Descriptions.Item label={t('terminals.transfers.reason')}>{d.reason}</Descriptions.Item>
        <Descriptions.Item label={t('terminals.transfers.createdBy')}>{d.createdBy}</Descriptions.Item>
        <Descriptions.Item label={t('terminals.transfers.createdAt')}>
          {formatDateTime(d.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.transfers.closedAt')}>
          {formatDateTime(d.closedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>
          {t('terminals.transfers.serialNos')} ({formatNumber(d.serialNos.length)})
        </Typography.Text>
        <Button size="small" icon={<CopyOutlined />} onClick={copy} data-testid="transfer-copy-serials">
          {t('terminals.transfers.copySerials')}
        </Button>
      </Space>
      <Table<{ serialNo: string; index: number }>
        rowKey="serialNo"
        size="small"
        dataSource={d.serialNos.map((serialNo, index) => ({ serialNo, index }))}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        columns={[
          { title: '#', dataIndex: 'index', width: 64, render: (i: number) => i + 1 },
          {
            title: t('terminals.fields.serialNo'),
            dataIndex: 'serialNo',
            render: (serial: string) => (
              <Link
                to={`/terminals?${new URLSearchParams({ q: serial })}`}
                style={mono}
                title={t('terminals.transfers.openInLedger')}
              >
                {serial}
              </Link>
            ),
          },
        ]}
        data-testid="transfer-serials-table"
      />
    </>
  );
}
