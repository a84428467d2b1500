import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { useStartStocktake } from '../api';
import type { StocktakeDetail } from '../model';
import { WarehouseSelect } from './catalogue-selects';

interface Values {
  warehouseId: string;
}

/** 新建盘点: the warehouse to count (409 when it is already being counted). */
export function StocktakeFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (stocktake: StocktakeDetail) => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const start = useStartStocktake();
  const [form] = Form.useForm<Values>();

  const onFinish = async (values: Values) => {
    try {
      const stocktake = await start.mutateAsync(values.warehouseId);
      message.success(t('terminals.stocktake.started', { no: stocktake.no }));
      form.resetFields();
      onCreated(stocktake);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('terminals.stocktake.createTitle')}
      okText={t('terminals.stocktake.start')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={start.isPending}
      okButtonProps={{ 'data-testid': 'stocktake-start' }}
      destroyOnHidden
      data-testid="stocktake-form"
    >
      <Alert type="info" showIcon title={t('terminals.stocktake.createHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="warehouseId"
          label={t('terminals.stocktake.warehouse')}
          rules={[{ required: true, message: t('terminals.stocktake.warehouseRequired') }]}
        >
          <WarehouseSelect
            style={{ width: '100%' }}
            placeholder={t('terminals.stocktake.warehouseRequired')}
            testId="stocktake-warehouse"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
