import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useAccess } from '../../../app/access';
import { errorText, useErrorReporter } from '../../../app/errors';
import { formatNumber } from '../../../app/format';
import { useCampaignEvent } from '../upgrade-api';
import { type Campaign, type CampaignEvent, eventsWithReason } from '../upgrade-model';

/**
 * The moves the server allows the campaign now (`allowedEvents`), for `terminal.upgrade`: start, resume,
 * advance (灰度通过) and complete after a confirmation; pause and cancel with a reason. A refusal — the
 * job moved it meanwhile — shows the state machine's reason.
 */
export function CampaignActions({
  campaign,
  size = 'small',
}: {
  campaign: Campaign;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const move = useCampaignEvent();
  const [asking, setAsking] = useState<CampaignEvent | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (!access.can('terminal.upgrade') || campaign.allowedEvents.length === 0) return null;

  const eventName = (event: CampaignEvent) => t(`terminals.upgrade.events.${event}`);
  const run = async (event: CampaignEvent, reason?: string) => {
    setRefusal(null);
    try {
      const done = await move.mutateAsync({ id: campaign.id, event, ...(reason ? { reason } : {}) });
      message.success(t('terminals.upgrade.eventDone', { event: eventName(event), no: done.no }));
      setAsking(null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const text = errorText(t, error);
        const full = text === error.message ? text : `${text} ${error.message}`;
        if (asking) setRefusal(full);
        else message.error(full);
        return;
      }
      report(error, asking ? form : undefined);
    }
  };
  const busy = move.isPending ? move.variables?.event : undefined;
  const link = size === 'small';
  const vars = {
    no: campaign.no,
    canary: formatNumber(campaign.canaryTargets),
    rest: formatNumber(campaign.targets - campaign.canaryTargets),
  };

  return (
    <>
      <Space size={link ? 0 : 8} wrap>
        {campaign.allowedEvents.map((event) =>
          eventsWithReason.has(event) ? (
            <Button
              key={event}
              size={size}
              type={link ? 'link' : 'default'}
              danger={event === 'cancel'}
              disabled={busy !== undefined}
              onClick={() => {
                setRefusal(null);
                setAsking(event);
              }}
              data-testid={`campaign-${event}-${campaign.no}`}
            >
              {eventName(event)}
            </Button>
          ) : (
            <Popconfirm
              key={event}
              title={t(`terminals.upgrade.confirm.${event}`, vars)}
              onConfirm={() => run(event)}
              okButtonProps={{ 'data-testid': `campaign-${event}-confirm` } as Record<string, string>}
            >
              <Button
                size={size}
                type={link ? 'link' : event === 'start' || event === 'advance' ? 'primary' : 'default'}
                loading={busy === event}
                disabled={busy !== undefined && busy !== event}
                data-testid={`campaign-${event}-${campaign.no}`}
              >
                {eventName(event)}
              </Button>
            </Popconfirm>
          ),
        )}
      </Space>
      <Modal
        open={asking !== null}
        title={asking ? t('terminals.upgrade.eventTitle', { event: eventName(asking), no: campaign.no }) : ''}
        okButtonProps={{
          loading: move.isPending,
          danger: asking === 'cancel',
          ...({ 'data-testid': 'campaign-reason-confirm' } as Record<`data-${string}`, string>),
        }}
        onOk={() => form.submit()}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={({ reason }: { reason: string }) => asking && run(asking, reason.trim())}
        >
          <Form.Item
            name="reason"
            label={t('terminals.upgrade.reason')}
            extra={asking === 'cancel' ? t('terminals.upgrade.cancelHint') : t('terminals.upgrade.pauseHint')}
            rules={[
              { required: true, whitespace: true, min: 2, message: t('terminals.upgrade.reasonRequired') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="campaign-reason" />
          </Form.Item>
        </Form>
        {refusal && (
          <Alert
            type="error"
            showIcon
            title={t('terminals.upgrade.refused')}
            description={refusal}
            data-testid="campaign-refused"
          />
        )}
      </Modal>
    </>
  );
}
