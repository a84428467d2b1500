import { Alert, App, Button, Drawer, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { formatNumber } from '../../../app/format';
import { useCreateTransfer, useWarehouses } from '../api';
import {
  mono,
  parseSerials,
  SERIAL_MAX_LENGTH,
  TRANSFER_UNITS_MAX,
  type TransferDetail,
  type TransferKind,
} from '../model';
import { WarehouseSelect } from './catalogue-selects';
import { TransferKindTag } from './transfer-tags';

interface Values {
  fromWarehouseId: string;
  toWarehouseId: string;
  /** As typed or scanned: one serial number per line. Named as the server names its field, for its errors. */
  serialNos: string;
  reason: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (transfer: TransferDetail) => void;
}

/**
 * 新建调拨: source and destination warehouses, the serial numbers (typed, pasted or scanned one after
 * another — a scanner's Enter starts the next line; repeats dropped, the count shown) and the reason.
 * The server names the units the source cannot give under the serial numbers.
 */
export function TransferFormDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const create = useCreateTransfer();
  const warehouses = useWarehouses(open);
  const [form] = Form.useForm<Values>();
  const text = Form.useWatch('serialNos', form) ?? '';
  const fromId = Form.useWatch('fromWarehouseId', form);
  const toId = Form.useWatch('toWarehouseId', form);
  const { serials, duplicates } = parseSerials(text);

  const kindOf = (id: string | undefined) => warehouses.data?.find((w) => w.id === id)?.kind;
  const kind: TransferKind | undefined =
    fromId && toId && fromId !== toId
      ? kindOf(toId) === 'agent'
        ? 'dispatch'
        : kindOf(fromId) === 'agent'
          ? 'recall'
          : 'transfer'
      : undefined;

  const onFinish = async (values: Values) => {
    try {
      const transfer = await create.mutateAsync({
        fromWarehouseId: values.fromWarehouseId,
        toWarehouseId: values.toWarehouseId,
        serialNos: parseSerials(values.serialNos).serials,
        reason: values.reason.trim(),
      });
      message.success(
        t('terminals.transfers.created', { no: transfer.no, units: formatNumber(transfer.units) }),
      );
      form.resetFields();
      onCreated(transfer);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={t('terminals.transfers.createTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="transfer-submit"
          >
            {t('common.submit')}
          </Button>
        </Space>
      }
      data-testid="transfer-drawer"
    >
      <Alert
        type="info"
        showIcon
        title={t('terminals.transfers.inTransitHint')}
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="fromWarehouseId"
          label={t('terminals.transfers.from')}
          rules={[{ required: true, message: t('terminals.transfers.selectWarehouse') }]}
        >
          <WarehouseSelect
            style={{ width: '100%' }}
            placeholder={t('terminals.transfers.selectWarehouse')}
            testId="transfer-from"
          />
        </Form.Item>
        <Form.Item
          name="toWarehouseId"
          label={t('terminals.transfers.to')}
          dependencies={['fromWarehouseId']}
          extra={kind && <TransferKindTag kind={kind} />}
          rules={[
            { required: true, message: t('terminals.transfers.selectWarehouse') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('fromWarehouseId')
                  ? Promise.reject(new Error(t('terminals.transfers.sameWarehouse')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <WarehouseSelect
            style={{ width: '100%' }}
            placeholder={t('terminals.transfers.selectWarehouse')}
            testId="transfer-to"
          />
        </Form.Item>
        <Form.Item
          name="serialNos"
          label={t('terminals.transfers.serialNos')}
          required
          extra={
            <Space size={12} data-testid="transfer-serial-count" data-count={serials.length}>
              <Typography.Text strong>
                {t('terminals.transfers.serialCount', { n: formatNumber(serials.length) })}
              </Typography.Text>
              {duplicates > 0 && (
                <Typography.Text type="warning">
                  {t('terminals.transfers.serialDuplicates', { n: formatNumber(duplicates) })}
                </Typography.Text>
              )}
            </Space>
          }
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const parsed = parseSerials(value ?? '').serials;
                if (parsed.length === 0)
                  return Promise.reject(new Error(t('terminals.transfers.serialsRequired')));
                if (parsed.length > TRANSFER_UNITS_MAX)
                  return Promise.reject(
                    new Error(
                      t('terminals.transfers.serialsTooMany', { max: formatNumber(TRANSFER_UNITS_MAX) }),
                    ),
                  );
                const long = parsed.find((s) => s.length > SERIAL_MAX_LENGTH);
                if (long)
                  return Promise.reject(
                    new Error(
                      t('terminals.transfers.serialTooLong', { max: SERIAL_MAX_LENGTH, serial: long }),
                    ),
                  );
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea
            rows={10}
            spellCheck={false}
            autoComplete="off"
            placeholder={t('terminals.transfers.serialPlaceholder')}
            style={mono}
            data-testid="transfer-serials"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('terminals.transfers.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 500,
              message: t('terminals.transfers.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount data-testid="transfer-reason" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
