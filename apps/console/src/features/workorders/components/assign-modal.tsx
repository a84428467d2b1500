import { DatePicker, Form, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime, pickerNow, pickerToIso } from '../../../app/format';
import { useAssignWorkOrder, useEngineers } from '../api';
import type { WorkOrderListItem } from '../model';

interface AssignValues {
  assigneeId: string;
  appointmentAt: dayjs.Dayjs;
}

/** 派单: an engineer the dispatcher may assign to, and an appointment that is not in the past. */
export function AssignModal({
  order,
  onClose,
  onDone,
}: {
  order: WorkOrderListItem | null;
  onClose: () => void;
  onDone: (order: WorkOrderListItem) => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const [form] = Form.useForm<AssignValues>();
  const engineers = useEngineers(order !== null);
  const assign = useAssignWorkOrder();

  useEffect(() => {
    if (order) form.setFieldsValue({ assigneeId: order.assignee?.id });
  }, [order, form]);

  const onOk = async () => {
    if (!order) return;
    // An invalid form shows its own errors beside the fields.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      const saved = await assign.mutateAsync({
        id: order.id,
        assigneeId: values.assigneeId,
        appointmentAt: pickerToIso(values.appointmentAt),
      });
      onClose();
      onDone(saved);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={order !== null}
      title={order ? t('workorders.assign.title', { no: order.no }) : ''}
      onCancel={onClose}
      onOk={onOk}
      confirmLoading={assign.isPending}
      okButtonProps={{ 'data-testid': 'wo-assign-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="assigneeId"
          label={t('workorders.assign.engineer')}
          rules={[{ required: true, message: t('workorders.assign.engineerRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={engineers.isLoading}
            placeholder={t('workorders.assign.engineerPlaceholder')}
            options={(engineers.data ?? []).map((e) => ({
              value: e.id,
              label: `${e.name} · ${e.orgName}`,
            }))}
            data-testid="wo-assign-engineer"
          />
        </Form.Item>
        <Form.Item
          name="appointmentAt"
          label={t('workorders.assign.appointment')}
          extra={order ? t('workorders.assign.dueHint', { when: formatDateTime(order.dueAt) }) : undefined}
          rules={[
            { required: true, message: t('workorders.assign.appointmentRequired') },
            {
              validator: (_, value: dayjs.Dayjs | undefined) =>
                !value?.isBefore(pickerNow())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('workorders.assign.appointmentPast'))),
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(day) => day.isBefore(pickerNow(), 'day')}
            style={{ width: '100%' }}
            data-testid="wo-assign-appointment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
