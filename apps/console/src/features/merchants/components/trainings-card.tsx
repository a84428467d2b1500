import { PlusOutlined, ReadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Training } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime, pickerNow, pickerToIso } from '../../../app/format';
import { useRecordTraining } from '../api';
import type { MerchantProfile } from '../model';
import { useMerchantAnnouncer } from './merchant-announcer';

const topicSuggestions = ['card', 'qr', 'refund', 'settlement', 'risk'] as const;

/** 培训: who trained the merchant, when, on what; recording one may take the merchant live. */
export function TrainingsCard({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const access = useAccess();
  const announce = useMerchantAnnouncer();
  const [recording, setRecording] = useState(false);

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
      <RecordTrainingModal
        open={recording}
        merchantId={m.id}
        onClose={() => setRecording(false)}
        onDone={(after) => announce(m, after, t('merchants.merchant.trainings.recorded'))}
      />
    </Card>
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
  onDone: (merchant: MerchantProfile) => void;
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
