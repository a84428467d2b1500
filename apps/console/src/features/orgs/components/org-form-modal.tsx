import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org, OrgKind } from '../../../api/types';
import { useErrorReporter } from '../../../app/errors';
import { useCreateOrg, useUpdateOrg } from '../api';

export type OrgFormTarget = { mode: 'create'; parent: Org } | { mode: 'edit'; org: Org };

interface Values {
  code?: string;
  name: string;
  kind?: Exclude<OrgKind, 'head_office'>;
  status?: 'active' | 'closed';
}

const childKinds: Exclude<OrgKind, 'head_office'>[] = ['branch', 'outlet', 'agent'];

export function OrgFormModal({ target, onClose }: { target: OrgFormTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrg();
  const update = useUpdateOrg();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue({ name: target.org.name, status: target.org.status });
    else form.setFieldsValue({ kind: target.parent.kind === 'head_office' ? 'branch' : 'outlet' });
  }, [target, form]);

  const onOk = async () => {
    if (!target) return;
    const values = await form.validateFields();
    try {
      if (target.mode === 'create') {
        await create.mutateAsync({
          parentId: target.parent.id,
          code: (values.code ?? '').trim().toUpperCase(),
          name: values.name.trim(),
          kind: values.kind ?? 'branch',
        });
        message.success(t('orgs.created'));
      } else {
        await update.mutateAsync({
          id: target.org.id,
          body: { name: values.name.trim(), status: values.status },
        });
        message.success(t('orgs.updated'));
      }
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target?.mode === 'edit' ? t('orgs.editTitle') : t('orgs.createTitle')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'org-form-submit' }}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="org-form">
        {target?.mode === 'create' && (
          <>
            <Form.Item label={t('orgs.parent')}>
              <Input value={`${target.parent.name} (${target.parent.code})`} disabled />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('orgs.code')}
              extra={t('orgs.codeHint')}
              rules={[{ required: true }, { pattern: /^[A-Z0-9]{2,16}$/, message: t('orgs.codeHint') }]}
              normalize={(v: string) => v?.toUpperCase()}
            >
              <Input maxLength={16} data-testid="org-code" />
            </Form.Item>
          </>
        )}
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true }, { min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="org-name" />
        </Form.Item>
        {target?.mode === 'create' && (
          <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
            <Select
              options={childKinds.map((k) => ({ value: k, label: t(`orgs.kinds.${k}`) }))}
              data-testid="org-kind"
            />
          </Form.Item>
        )}
        {target?.mode === 'edit' && (
          <Form.Item name="status" label={t('common.status')}>
            <Select
              options={[
                { value: 'active', label: t('status.active') },
                { value: 'closed', label: t('status.closed') },
              ]}
              data-testid="org-status"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
