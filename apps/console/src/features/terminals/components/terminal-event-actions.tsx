import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useAccess } from '../../../app/access';
import { errorText, useErrorReporter } from '../../../app/errors';
import { useTerminalEvent } from '../api';
import { dangerousEvents, type TerminalDetail, type TerminalEvent } from '../model';

/**
 * 报故障 / 送修 / 修复入库 / 停用 / 报丢失 / 找回: the moves the server allows now, each with a reason.
 * A move the server refuses (someone else moved the terminal meanwhile) shows its reason in the dialog.
 */
export function TerminalEventActions({ terminal }: { terminal: TerminalDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const move = useTerminalEvent();
  const [event, setEvent] = useState<TerminalEvent | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (!access.can('terminal.manage') || terminal.allowedEvents.length === 0) return null;

  const close = () => {
    setEvent(null);
    setRefusal(null);
  };
  const submit = async ({ reason }: { reason: string }) => {
    if (!event) return;
    setRefusal(null);
    try {
      await move.mutateAsync({ id: terminal.id, event, reason: reason.trim() });
      message.success(t('terminals.detail.eventDone', { event: t(`terminals.events.${event}`) }));
      close();
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'ILLEGAL_TRANSITION' || error.status === 409)) {
        const text = errorText(t, error);
        setRefusal(text === error.message ? text : `${text} ${error.message}`);
        return;
      }
      report(error, form);
    }
  };

  return (
    <>
      <Space wrap>
        {terminal.allowedEvents.map((e) => (
          <Button
            key={e}
            danger={dangerousEvents.has(e)}
            onClick={() => setEvent(e)}
            data-testid={`terminal-event-${e}`}
          >
            {t(`terminals.events.${e}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={event !== null}
        title={
          event
            ? t('terminals.detail.eventTitle', {
                event: t(`terminals.events.${event}`),
                serial: terminal.serialNo,
              })
            : ''
        }
        okButtonProps={{
          loading: move.isPending,
          danger: event !== null && dangerousEvents.has(event),
          ...({ 'data-testid': 'terminal-event-confirm' } as Record<`data-${string}`, string>),
        }}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="reason"
            label={t('terminals.detail.reason')}
            rules={[
              { required: true, whitespace: true, min: 2, message: t('terminals.detail.reasonRequired') },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              autoFocus
              data-testid="terminal-event-reason"
            />
          </Form.Item>
        </Form>
        {refusal && (
          <Alert
            type="error"
            showIcon
            title={t('terminals.detail.refused')}
            description={refusal}
            data-testid="terminal-event-refused"
          />
        )}
      </Modal>
    </>
  );
}
