import { Alert, App, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { formatNumber } from '../../../app/format';
import { useSetStockThreshold } from '../api';
import { STOCK_MIN_UNITS_MAX, type StockLevel, type StockThresholdInput } from '../model';
import { TerminalModelSelect, WarehouseSelect } from './catalogue-selects';

interface Props {
  /** The threshold to change, `'new'` to add one, null when closed. */
  editing: StockLevel | 'new' | null;
  /** The thresholds there are: adding an existing pair warns that it replaces its minimum. */
  levels: readonly StockLevel[];
  onClose: () => void;
}

/** 新增预警线 (warehouse, model, minimum ≥ 1) or 修改库存下限 (0 removes it). */
export function StockThresholdModal({ editing, levels, onClose }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const save = useSetStockThreshold();
  const [form] = Form.useForm<StockThresholdInput>();
  // Keep the title while the modal closes.
  const [shown, setShown] = useState(editing);
  if (editing && editing !== shown) setShown(editing);
  const existing = shown && shown !== 'new' ? shown : null;
  const warehouseId = Form.useWatch('warehouseId', form);
  const modelId = Form.useWatch('modelId', form);
  const clash = existing
    ? undefined
    : levels.find((l) => l.warehouseId === warehouseId && l.modelId === modelId);

  const onFinish = async (values: StockThresholdInput) => {
    try {
      await save.mutateAsync(values);
      message.success(t(values.minUnits === 0 ? 'terminals.stock.removed' : 'terminals.stock.saved'));
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={editing !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      title={
        existing
          ? t('terminals.stock.editTitle', { warehouse: existing.warehouseName, model: existing.modelName })
          : t('terminals.stock.addTitle')
      }
      okButtonProps={{ 'data-testid': 'stock-save' }}
      data-testid="stock-modal"
    >
      <Form<StockThresholdInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        preserve={false}
        initialValues={
          existing
            ? { warehouseId: existing.warehouseId, modelId: existing.modelId, minUnits: existing.minUnits }
            : {}
        }
      >
        <Form.Item
          name="warehouseId"
          label={t('terminals.stock.warehouse')}
          rules={[{ required: true, message: t('terminals.transfers.selectWarehouse') }]}
          hidden={Boolean(existing)}
        >
          <WarehouseSelect style={{ width: '100%' }} placeholder=" " testId="stock-warehouse" />
        </Form.Item>
        <Form.Item
          name="modelId"
          label={t('terminals.stock.model')}
          rules={[{ required: true }]}
          hidden={Boolean(existing)}
        >
          <TerminalModelSelect style={{ width: '100%' }} placeholder=" " testId="stock-model" />
        </Form.Item>
        <Form.Item
          name="minUnits"
          label={t('terminals.stock.minUnits')}
          extra={existing ? t('terminals.stock.minUnitsHint') : undefined}
          rules={[
            { required: true, message: t('terminals.stock.minUnitsRequired') },
            {
              type: 'number',
              min: existing ? 0 : 1,
              max: STOCK_MIN_UNITS_MAX,
              message: existing
                ? t('terminals.stock.minUnitsRequired')
                : t('terminals.stock.minUnitsPositive'),
            },
          ]}
        >
          <InputNumber<number>
            min={existing ? 0 : 1}
            max={STOCK_MIN_UNITS_MAX}
            precision={0}
            style={{ width: 200 }}
            autoFocus
            data-testid="stock-min-units"
          />
        </Form.Item>
        {clash && (
          <Alert
            type="warning"
            showIcon
            title={t('terminals.stock.exists', { n: formatNumber(clash.minUnits) })}
          />
        )}
      </Form>
    </Modal>
  );
}
