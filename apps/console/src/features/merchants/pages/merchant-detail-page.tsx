import { CheckOutlined, PlusOutlined, ReadOutlined, ToolOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { MerchantDetail, Training, WorkOrder, WorkOrderKind, WorkOrderStatus } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { errorText, useErrorReporter } from '../../../app/errors';
import { formatAmount, formatDateTime, pickerNow, pickerToIso } from '../../../app/format';
import { useCompleteWorkOrder, useMerchant, useRecordTraining } from '../api';
import { useMccLabel } from '../components/mcc-select';
import { MerchantStatusActions } from '../components/merchant-status-actions';
import { MerchantStatusTag } from '../components/merchant-status-tag';

const workOrderStatusColors: Record<WorkOrderStatus, string> = {
  open: 'processing',
  completed: 'success',
  cancelled: 'default',
};

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };
const serialPattern = /^[A-Za-z0-9-]{4,40}$/;
const topicSuggestions = ['card', 'qr', 'refund', 'settlement', 'risk'] as const;

/** 商户详情: profile, limits, the application it came from, installation work orders and trainings. */
export function MerchantDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const merchant = useMerchant(id);
  if (merchant.isError) {
    return (
      <Result
        status="warning"
        title={t('merchants.merchant.loadFailed')}
        subTitle={errorText(t, merchant.error)}
        extra={
          <Link to="/merchants">
            <Button>{t('merchants.merchant.title')}</Button>
          </Link>
        }
        data-testid="merchant-not-found"
      />
    );
  }
  if (!merchant.data) return <Skeleton active />;
  return <Detail merchant={merchant.data} />;
}

function Detail({ merchant: m }: { merchant: MerchantDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const mccLabel = useMccLabel();
  const [completing, setCompleting] = useState<WorkOrder | null>(null);
  const [recording, setRecording] = useState(false);

  /** After an action: say what was done, and say so louder when it took the merchant live. */
  const announce = (before: MerchantDetail, after: MerchantDetail, done: string) => {
    if (before.status !== 'active' && after.status === 'active') {
      message.success({ content: t('merchants.merchant.activated'), key: 'merchant-activated' });
    } else {
      message.success(done);
    }
  };

  const workOrderColumns: ColumnsType<WorkOrder> = [
    {
      title: t('merchants.merchant.workOrders.no'),
      dataIndex: 'no',
      width: 170,
      render: (no: string) => <span style={mono}>{no}</span>,
    },
    {
      title: t('merchants.merchant.workOrders.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: WorkOrderKind) =>
        t(`merchants.merchant.workOrders.kinds.${kind}`, { defaultValue: kind }),
    },
    {
      title: t('merchants.merchant.workOrders.terminalModel'),
      dataIndex: 'terminalModel',
      width: 130,
      render: (model: string | null) => model ?? '—',
    },
    {
      title: t('merchants.merchant.workOrders.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: WorkOrderStatus) => (
        <Tag color={workOrderStatusColors[status] ?? 'default'}>
          {t(`merchants.merchant.workOrders.statuses.${status}`, { defaultValue: status })}
        </Tag>
      ),
    },
    {
      title: t('merchants.merchant.workOrders.serialNo'),
      dataIndex: 'serialNo',
      width: 150,
      render: (serial: string | null) => (serial ? <span style={mono}>{serial}</span> : '—'),
    },
    {
      title: t('merchants.merchant.workOrders.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('merchants.merchant.workOrders.completedAt'),
      dataIndex: 'completedAt',
      width: 170,
      render: (at: string | null) => formatDateTime(at),
    },
    ...(access.can('workOrder.complete')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, w: WorkOrder) =>
              w.status === 'open' && (
                <Button
                  size="small"
                  type="link"
                  icon={<CheckOutlined />}
                  onClick={() => setCompleting(w)}
                  data-testid={`wo-complete-${w.no}`}
                >
                  {t('merchants.merchant.workOrders.complete')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const trainingColumns: ColumnsType<Training> = [
    {
      title: t('merchants.merchant.trainings.trainedAt'),
      dataIndex: 'trainedAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    { title: t('merchants.merchant.trainings.trainer'), dataIndex: 'trainerName', width: 110 },
    {
      title: t('merchants.merchant.trainings.topics'),
      dataIndex: 'topics',
      render: (topics: string[]) => (
        <Space size={[4, 4]} wrap>
          {topics.map((topic) => (
            <Tag key={topic}>{topic}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('merchants.merchant.trainings.attendees'),
      dataIndex: 'attendees',
      width: 220,
      ellipsis: true,
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={12} wrap>
            <span style={mono} data-testid="merchant-mid">
              {m.mid}
            </span>
            <Typography.Text style={{ fontSize: 'inherit', fontWeight: 'inherit' }}>{m.name}</Typography.Text>
            <MerchantStatusTag status={m.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <MerchantStatusActions merchant={m} />
            {m.applicationId && (
              <Link to={`/merchants/applications/${m.applicationId}`} data-testid="merchant-application-link">
                <Button>{t('merchants.merchant.viewApplication')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      {m.status === 'onboarding' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('merchants.merchant.onboardingHint')}
          data-testid="merchant-onboarding-hint"
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'mid', label: t('merchants.merchant.mid'), children: <span style={mono}>{m.mid}</span> },
            { key: 'shortName', label: t('merchants.merchant.shortName'), children: m.shortName },
            {
              key: 'creditCode',
              label: t('merchants.merchant.creditCode'),
              children: <span style={mono}>{m.creditCode}</span>,
            },
            { key: 'mcc', label: t('merchants.merchant.mcc'), children: mccLabel(m.mcc) },
            {
              key: 'grade',
              label: t('merchants.merchant.riskGrade'),
              children: (
                <Tag data-testid="merchant-grade">
                  {t('merchants.merchant.gradeN', { grade: m.riskGrade })}
                </Tag>
              ),
            },
            {
              key: 'inspection',
              label: t('merchants.merchant.inspectionMonths'),
              children: t('merchants.merchant.months', { n: m.inspectionMonths }),
            },
            {
              key: 'single',
              label: t('merchants.merchant.singleLimit'),
              children: formatAmount(m.singleLimitMinor),
            },
            {
              key: 'daily',
              label: t('merchants.merchant.dailyLimit'),
              children: formatAmount(m.dailyLimitMinor),
            },
            {
              key: 'monthly',
              label: t('merchants.merchant.monthlyLimit'),
              children: formatAmount(m.monthlyLimitMinor),
            },
            {
              key: 'createdAt',
              label: t('merchants.merchant.createdAt'),
              children: formatDateTime(m.createdAt),
            },
            {
              key: 'activatedAt',
              label: t('merchants.merchant.activatedAt'),
              children: m.activatedAt ? formatDateTime(m.activatedAt) : t('merchants.merchant.notActivated'),
            },
          ]}
        />
      </Card>
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={
            <Space>
              <ToolOutlined />
              {t('merchants.merchant.workOrders.title')}
            </Space>
          }
        >
          <Table<WorkOrder>
            rowKey="id"
            size="small"
            columns={workOrderColumns}
            dataSource={m.workOrders}
            pagination={false}
            scroll={{ x: 1060 }}
            locale={{ emptyText: t('merchants.merchant.workOrders.none') }}
            data-testid="merchant-work-orders"
          />
        </Card>
        <Card
          size="small"
          title={
            <Space>
              <ReadOutlined />
              {t('merchants.merchant.trainings.title')}
            </Space>
          }
          extra={
            access.can('training.record') && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setRecording(true)}
                data-testid="training-record"
              >
                {t('merchants.merchant.trainings.record')}
              </Button>
            )
          }
        >
          <Table<Training>
            rowKey="id"
            size="small"
            columns={trainingColumns}
            dataSource={m.trainings}
            pagination={false}
            locale={{ emptyText: t('merchants.merchant.trainings.none') }}
            data-testid="merchant-trainings"
          />
        </Card>
      </Flex>
      <CompleteWorkOrderModal
        order={completing}
        onClose={() => setCompleting(null)}
        onDone={(after) => announce(m, after, t('merchants.merchant.workOrders.completed'))}
      />
      <RecordTrainingModal
        open={recording}
        merchantId={m.id}
        onClose={() => setRecording(false)}
        onDone={(after) => announce(m, after, t('merchants.merchant.trainings.recorded'))}
      />
    </>
  );
}

function CompleteWorkOrderModal({
  order,
  onClose,
  onDone,
}: {
  order: WorkOrder | null;
  onClose: () => void;
  onDone: (merchant: MerchantDetail) => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const [form] = Form.useForm<{ serialNo: string }>();
  const complete = useCompleteWorkOrder();

  const onOk = async () => {
    if (!order) return;
    const { serialNo } = await form.validateFields();
    try {
      const after = await complete.mutateAsync({ id: order.id, serialNo: serialNo.trim() });
      onClose();
      onDone(after);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={order !== null}
      title={order ? t('merchants.merchant.workOrders.completeTitle', { no: order.no }) : ''}
      onCancel={onClose}
      onOk={onOk}
      confirmLoading={complete.isPending}
      okButtonProps={{ 'data-testid': 'wo-complete-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="serialNo"
          label={t('merchants.merchant.workOrders.serialNo')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                value && serialPattern.test(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('merchants.merchant.workOrders.serialInvalid'))),
            },
          ]}
        >
          <Input
            autoFocus
            maxLength={40}
            placeholder={t('merchants.merchant.workOrders.serialPlaceholder')}
            style={mono}
            data-testid="wo-serial"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface TrainingValues {
  trainerName: string;
  trainedAt: Dayjs;
  topics: string[];
  attendees: string;
}

function RecordTrainingModal({
  open,
  merchantId,
  onClose,
  onDone,
}: {
  open: boolean;
  merchantId: string;
  onClose: () => void;
  onDone: (merchant: MerchantDetail) => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const [form] = Form.useForm<TrainingValues>();
  const record = useRecordTraining();

  const onOk = async () => {
    const values = await form.validateFields();
    try {
      const after = await record.mutateAsync({
        merchantId,
        body: {
          trainerName: values.trainerName.trim(),
          // The picked wall-clock time read as business time: ISO with +08:00.
          trainedAt: pickerToIso(values.trainedAt),
          topics: values.topics.map((topic) => topic.trim()).filter(Boolean),
          attendees: values.attendees.trim(),
        },
      });
      onClose();
      onDone(after);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('merchants.merchant.trainings.recordTitle')}
      onCancel={onClose}
      onOk={onOk}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'training-submit' }}
      destroyOnHidden
    >
      <Form<TrainingValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ trainedAt: pickerNow(), topics: [] }}
      >
        <Form.Item
          name="trainerName"
          label={t('merchants.merchant.trainings.trainer')}
          required
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const length = value?.trim().length ?? 0;
                return length >= 2 && length <= 50
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('merchants.merchant.trainings.trainerInvalid')));
              },
            },
          ]}
        >
          <Input maxLength={50} data-testid="training-trainer" />
        </Form.Item>
        <Form.Item
          name="trainedAt"
          label={t('merchants.merchant.trainings.trainedAt')}
          rules={[{ required: true, message: t('merchants.merchant.trainings.trainedAtRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(day) => day.isAfter(pickerNow(), 'day')}
            style={{ width: 220 }}
            data-testid="training-time"
          />
        </Form.Item>
        <Form.Item
          name="topics"
          label={t('merchants.merchant.trainings.topics')}
          required
          rules={[
            {
              validator: (_, value: string[] | undefined) =>
                value?.some((topic) => topic.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('merchants.merchant.trainings.topicsRequired'))),
            },
          ]}
        >
          <Select
            mode="tags"
            maxCount={20}
            tokenSeparators={[',', '，', '、']}
            placeholder={t('merchants.merchant.trainings.topicsPlaceholder')}
            options={topicSuggestions.map((key) => {
              const label = t(`merchants.merchant.trainings.suggestions.${key}`);
              return { value: label, label };
            })}
            data-testid="training-topics"
          />
        </Form.Item>
        <Form.Item
          name="attendees"
          label={t('merchants.merchant.trainings.attendees')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('merchants.merchant.trainings.attendeesRequired'),
            },
          ]}
        >
          <Input
            maxLength={200}
            placeholder={t('merchants.merchant.trainings.attendeesPlaceholder')}
            data-testid="training-attendees"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
