import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { formatAmount, formatNumber, pickerNow } from '../../../app/format';
import { useRequestProcurement, useTerminalModels } from '../api';
import { amountOf, PROCUREMENT_QUANTITY_MAX, type ProcurementDetail } from '../model';
import { WarehouseSelect } from './catalogue-selects';

interface Values {
  modelId: string;
  quantity: number;
  /** YYYY-MM-DD, as the server takes it. */
  neededBy: string;
  warehouseId: string;
  reason: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (procurement: ProcurementDetail) => void;
}

/**
 * 新建采购申请: a model of the catalogue (with its price), the quantity — the amount computed as it is
 * typed —, the day it is needed by (today or later), the warehouse it goes to and the reason. The server's
 * refusals show under their fields.
 */
export function ProcurementFormDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const create = useRequestProcurement();
  const models = useTerminalModels(open);
  const [form] = Form.useForm<Values>();
  const modelId = Form.useWatch('modelId', form);
  const quantity = Form.useWatch('quantity', form);
  const model = models.data?.find((m) => m.id === modelId);
  const amount = model ? amountOf(model.unitPriceMinor, quantity) : undefined;
  const today = pickerNow().format('YYYY-MM-DD');

  const onFinish = async (values: Values) => {
    try {
      const procurement = await create.mutateAsync({
        modelId: values.modelId,
        quantity: values.quantity,
        neededBy: values.neededBy,
        warehouseId: values.warehouseId,
        reason: values.reason.trim(),
      });
      message.success(t('terminals.procurement.created', { no: procurement.no }));
      form.resetFields();
      onCreated(procurement);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={t('terminals.procurement.createTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="procurement-submit"
          >
            {t('common.submit')}
          </Button>
        </Space>
      }
      data-testid="procurement-drawer"
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="modelId"
          label={t('terminals.procurement.model')}
          rules={[{ required: true, message: t('terminals.procurement.modelRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={models.isPending}
            placeholder={t('terminals.procurement.modelRequired')}
            options={(models.data ?? [])
              .filter((m) => m.status === 'active')
              .map((m) => ({
                value: m.id,
                label: `${m.brand} ${m.model} · ${formatAmount(m.unitPriceMinor)}`,
              }))}
            data-testid="procurement-model"
          />
        </Form.Item>
        <Space size={16} align="start" wrap>
          <Form.Item
            name="quantity"
            label={t('terminals.procurement.quantity')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 1,
                max: PROCUREMENT_QUANTITY_MAX,
                message: t('terminals.procurement.quantityRequired', {
                  max: formatNumber(PROCUREMENT_QUANTITY_MAX),
                }),
              },
            ]}
          >
            <InputNumber
              min={1}
              max={PROCUREMENT_QUANTITY_MAX}
              precision={0}
              style={{ width: 160 }}
              data-testid="procurement-quantity"
            />
          </Form.Item>
          <Form.Item label={t('terminals.procurement.amount')}>
            <Typography.Text
              strong
              style={{ fontSize: 18, lineHeight: '32px', fontVariantNumeric: 'tabular-nums' }}
              data-testid="procurement-amount"
              data-amount={amount ?? ''}
            >
              {amount ? formatAmount(amount) : '—'}
            </Typography.Text>
            {model && amount && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {formatAmount(model.unitPriceMinor)} × {formatNumber(quantity)}
              </Typography.Text>
            )}
          </Form.Item>
        </Space>
        <Alert
          type="info"
          showIcon
          title={t('terminals.procurement.amountHint')}
          style={{ marginBottom: 16 }}
        />
        <Form.Item
          name="neededBy"
          label={t('terminals.procurement.neededBy')}
          rules={[{ required: true, message: t('terminals.procurement.neededByRequired') }]}
          getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : null })}
          normalize={(day: Dayjs | null) => (day ? day.format('YYYY-MM-DD') : undefined)}
        >
          <DatePicker
            format="YYYY-MM-DD"
            disabledDate={(day) => day.format('YYYY-MM-DD') < today}
            style={{ width: 180 }}
            data-testid="procurement-needed-by"
          />
        </Form.Item>
        <Form.Item
          name="warehouseId"
          label={t('terminals.procurement.warehouse')}
          rules={[{ required: true, message: t('terminals.procurement.warehouseRequired') }]}
        >
          <WarehouseSelect
            style={{ width: '100%' }}
            placeholder={t('terminals.procurement.warehouseRequired')}
            testId="procurement-warehouse"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('terminals.procurement.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 500,
              message: t('terminals.procurement.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="procurement-reason" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
