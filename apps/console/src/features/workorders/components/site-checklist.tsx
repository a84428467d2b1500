import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Divider, Flex, Form, Input, Radio, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChecklistRequirement, NOTE_MAX_CHARS, TAP_HEIGHT_PX } from '../model';

const half = {
  flex: 1,
  height: TAP_HEIGHT_PX,
  lineHeight: `${TAP_HEIGHT_PX - 2}px`,
  textAlign: 'center',
} as const;

/** One item: its label (must-pass marked), pass / fail as two big buttons, and a note once it fails. */
function ChecklistRow({ requirement: { item, mustPass } }: { requirement: ChecklistRequirement }) {
  const { t } = useTranslation();
  const passed = Form.useWatch<boolean | undefined>(['checklist', item, 'passed']);
  return (
    <Flex vertical gap={8} data-testid={`site-check-${item}`} data-passed={String(passed ?? '')}>
      <Typography.Text strong>
        {t(`messages.checklist.${item}`, { defaultValue: item })}
        {mustPass && (
          <Tag color="red" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
            {t('workorders.site.checklist.mustPass')}
          </Tag>
        )}
      </Typography.Text>
      <Form.Item
        name={['checklist', item, 'passed']}
        style={{ marginBottom: 0 }}
        rules={[
          { required: true, message: t('workorders.site.checklist.answerRequired') },
          {
            validator: (_, value: boolean | undefined) =>
              mustPass && value === false
                ? Promise.reject(new Error(t('workorders.site.checklist.mustPassFailed')))
                : Promise.resolve(),
          },
        ]}
      >
        <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', width: '100%' }}>
          <Radio.Button value={true} style={half}>
            <span data-testid={`site-check-${item}-pass`}>
              <CheckOutlined /> {t('workorders.site.checklist.pass')}
            </span>
          </Radio.Button>
          <Radio.Button value={false} style={half}>
            <span data-testid={`site-check-${item}-fail`}>
              <CloseOutlined /> {t('workorders.site.checklist.fail')}
            </span>
          </Radio.Button>
        </Radio.Group>
      </Form.Item>
      {passed === false && (
        <Form.Item
          name={['checklist', item, 'note']}
          style={{ marginBottom: 0 }}
          rules={[{ required: true, whitespace: true, message: t('workorders.site.checklist.noteRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={NOTE_MAX_CHARS}
            placeholder={t('workorders.site.checklist.notePlaceholder')}
            data-testid={`site-note-${item}`}
          />
        </Form.Item>
      )}
    </Flex>
  );
}

/** 检查清单: the kind's items in order; an inspection's failures are findings, others must pass. */
export function SiteChecklist({ checklist }: { checklist: readonly ChecklistRequirement[] }) {
  const { t } = useTranslation();
  const findings = checklist.some((c) => !c.mustPass);
  return (
    <Flex vertical data-testid="site-checklist">
      {findings && (
        <Typography.Paragraph type="secondary">
          {t('workorders.site.checklist.findingsHint')}
        </Typography.Paragraph>
      )}
      {checklist.map((requirement, index) => (
        <Fragment key={requirement.item}>
          {index > 0 && <Divider style={{ margin: '12px 0' }} />}
          <ChecklistRow requirement={requirement} />
        </Fragment>
      ))}
    </Flex>
  );
}
