import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { formatNumber } from '../../../app/format';
import { useReceiveGoods } from '../api';
import {
  mono,
  type Procurement,
  parseSerials,
  RECEIPT_SERIALS_MAX,
  type RejectReasonKey,
  rejectReasonKeys,
  rejectReasons,
  serialPattern,
} from '../model';

interface RejectRow {
  serialNo?: string;
  reasonKey?: RejectReasonKey | 'other';
  /** The reason typed when it is none of the usual ones. */
  otherReason?: string;
}

interface Values {
  /** As typed or scanned, one per line. Named as the server names its field, for its errors. */
  accepted: string;
  rejected: RejectRow[];
  firmware?: string;
}

interface Props {
  procurement: Procurement;
  warehouseName: string;
  open: boolean;
  onClose: () => void;
}

const reasonOf = (row: RejectRow): string =>
  row.reasonKey === 'other'
    ? (row.otherReason ?? '').trim()
    : row.reasonKey
      ? rejectReasons[row.reasonKey]
      : '';

/**
 * 到货验收: the accepted units' serial numbers (scanned, typed or pasted; repeats dropped, the count shown
 * against what is still due) and the rejected units, each with its reason (外观破损 / 无法开机 / 型号不符 or
 * typed); firmware optional. All or nothing: the server's refusal shows under the serial numbers.
 */
export function GoodsReceiptDrawer({ procurement: p, warehouseName, open, onClose }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const receive = useReceiveGoods();
  const [form] = Form.useForm<Values>();
  const text = Form.useWatch('accepted', form) ?? '';
  const { serials, duplicates } = parseSerials(text);
  const over = serials.length > p.outstanding;

  const onFinish = async (values: Values) => {
    const rejected = (values.rejected ?? []).map((row) => ({
      serialNo: (row.serialNo ?? '').trim(),
      reason: reasonOf(row),
    }));
    const firmware = values.firmware?.trim();
    try {
      await receive.mutateAsync({
        id: p.id,
        body: {
          accepted: parseSerials(values.accepted ?? '').serials,
          rejected,
          ...(firmware ? { firmware } : {}),
        },
      });
      message.success(
        t('terminals.procurement.received', {
          accepted: formatNumber(parseSerials(values.accepted ?? '').serials.length),
          rejected: formatNumber(rejected.length),
        }),
      );
      form.resetFields();
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  /** A rejected serial number must be one, and listed once among the accepted and the rejected. */
  const rejectSerialRule = (index: number) => ({
    validator: (_: unknown, value: string | undefined) => {
      const serial = (value ?? '').trim();
      if (!serial) return Promise.reject(new Error(t('terminals.procurement.rejectSerialRequired')));
      if (!serialPattern.test(serial))
        return Promise.reject(new Error(t('terminals.procurement.serialInvalid', { serial })));
      const values = form.getFieldsValue(true) as Values;
      const others = (values.rejected ?? [])
        .filter((_row, i) => i !== index)
        .map((row) => (row.serialNo ?? '').trim());
      if (parseSerials(values.accepted ?? '').serials.includes(serial) || others.includes(serial))
        return Promise.reject(new Error(t('terminals.procurement.rejectTwice')));
      return Promise.resolve();
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={600}
      title={t('terminals.procurement.receiveTitle', { no: p.no })}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={receive.isPending}
            onClick={() => form.submit()}
            data-testid="receipt-submit"
          >
            {t('common.submit')}
          </Button>
        </Space>
      }
      data-testid="receipt-drawer"
    >
      <Alert
        type="info"
        showIcon
        title={t('terminals.procurement.receiveHint', { warehouse: warehouseName })}
        style={{ marginBottom: 16 }}
      />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ rejected: [] }}>
        <Form.Item
          name="accepted"
          label={t('terminals.procurement.accepted')}
          dependencies={[['rejected']]}
          extra={
            <Space size={12} data-testid="receipt-accepted-count" data-count={serials.length}>
              <Typography.Text strong type={over ? 'danger' : undefined}>
                {t('terminals.procurement.acceptedCount', {
                  n: formatNumber(serials.length),
                  outstanding: formatNumber(p.outstanding),
                })}
              </Typography.Text>
              {duplicates > 0 && (
                <Typography.Text type="warning">
                  {t('terminals.procurement.serialDuplicates', { n: formatNumber(duplicates) })}
                </Typography.Text>
              )}
            </Space>
          }
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                const parsed = parseSerials(value ?? '').serials;
                const rejects = (getFieldValue('rejected') as RejectRow[] | undefined) ?? [];
                if (parsed.length === 0 && rejects.length === 0)
                  return Promise.reject(new Error(t('terminals.procurement.serialsRequired')));
                if (parsed.length > p.outstanding || parsed.length > RECEIPT_SERIALS_MAX)
                  return Promise.reject(
                    new Error(
                      t('terminals.procurement.acceptedTooMany', {
                        outstanding: formatNumber(p.outstanding),
                      }),
                    ),
                  );
                const bad = parsed.find((s) => !serialPattern.test(s));
                if (bad)
                  return Promise.reject(new Error(t('terminals.procurement.serialInvalid', { serial: bad })));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input.TextArea
            rows={8}
            spellCheck={false}
            autoComplete="off"
            placeholder={t('terminals.procurement.acceptedPlaceholder')}
            style={mono}
            data-testid="receipt-accepted"
          />
        </Form.Item>
        <Typography.Text strong>{t('terminals.procurement.rejects')}</Typography.Text>
        <Form.List name="rejected">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0} style={{ marginTop: 8 }} data-testid="receipt-rejects">
              {fields.map((field, index) => (
                <RejectLine
                  key={field.key}
                  name={field.name}
                  index={index}
                  serialRule={rejectSerialRule(index)}
                  onRemove={() => remove(field.name)}
                />
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ reasonKey: 'damaged' })}
                style={{ marginBottom: 16 }}
                data-testid="receipt-add-reject"
              >
                {t('terminals.procurement.addReject')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="firmware" label={t('terminals.procurement.firmware')} rules={[{ max: 40 }]}>
          <Input maxLength={40} style={{ width: 200 }} placeholder="1.4.0" data-testid="receipt-firmware" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** One rejected unit: its serial number, the reason (a usual one, or typed) and a button to drop it. */
function RejectLine({
  name,
  index,
  serialRule,
  onRemove,
}: {
  name: number;
  index: number;
  serialRule: { validator: (rule: unknown, value: string | undefined) => Promise<void> };
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const reasonKey = Form.useWatch(['rejected', name, 'reasonKey'], form);
  return (
    <Flex gap={8} align="start" wrap data-testid={`receipt-reject-${index}`}>
      <Form.Item name={[name, 'serialNo']} rules={[serialRule]} style={{ width: 220 }}>
        <Input
          placeholder={t('terminals.procurement.rejectSerial')}
          style={mono}
          autoComplete="off"
          data-testid={`receipt-reject-serial-${index}`}
        />
      </Form.Item>
      <Form.Item
        name={[name, 'reasonKey']}
        rules={[{ required: true, message: t('terminals.procurement.rejectReasonRequired') }]}
        style={{ width: 130 }}
      >
        <Select
          options={[
            ...rejectReasonKeys.map((key) => ({
              value: key,
              label: t(`terminals.procurement.reasons.${key}`),
            })),
            { value: 'other', label: t('terminals.procurement.reasons.other') },
          ]}
          data-testid={`receipt-reject-reason-${index}`}
        />
      </Form.Item>
      {reasonKey === 'other' && (
        <Form.Item
          name={[name, 'otherReason']}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 200,
              message: t('terminals.procurement.rejectOtherRequired'),
            },
          ]}
          style={{ flex: 1, minWidth: 140 }}
        >
          <Input
            maxLength={200}
            placeholder={t('terminals.procurement.rejectOther')}
            data-testid={`receipt-reject-other-${index}`}
          />
        </Form.Item>
      )}
      <Button
        type="text"
        icon={<MinusCircleOutlined />}
        onClick={onRemove}
        aria-label={t('common.close')}
        data-testid={`receipt-reject-remove-${index}`}
      />
    </Flex>
  );
}
