import { App, Form, Input, Modal, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';
import { useErrorReporter } from '../../../app/errors';
import { useCreateRole, useUpdateRole } from '../api';
import { PermissionCheckboxes } from './permission-checkboxes';

export type RoleFormTarget = { mode: 'create' } | { mode: 'edit'; role: Role };

interface Values {
  code?: string;
  name: string;
  nameEn: string;
  privileged: boolean;
  permissions: string[];
}

export function RoleFormModal({ target, onClose }: { target: RoleFormTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const create = useCreateRole();
  const update = useUpdateRole();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const { name, nameEn, privileged, permissions } = target.role;
      form.setFieldsValue({ name, nameEn, privileged, permissions });
    } else {
      form.setFieldsValue({ privileged: false, permissions: [] });
    }
  }, [target, form]);

  const onOk = async () => {
    if (!target) return;
    const v = await form.validateFields();
    try {
      if (target.mode === 'create') {
        await create.mutateAsync({
          code: (v.code ?? '').trim(),
          name: v.name.trim(),
          nameEn: v.nameEn.trim(),
          privileged: v.privileged,
          permissions: v.permissions,
        });
        message.success(t('roles.created'));
      } else {
        await update.mutateAsync({
          id: target.role.id,
          body: {
            name: v.name.trim(),
            nameEn: v.nameEn.trim(),
            privileged: v.privileged,
            permissions: v.permissions,
          },
        });
        message.success(t('roles.updated'));
      }
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={
        target?.mode === 'edit' ? `${t('roles.editTitle')} · ${target.role.code}` : t('roles.createTitle')
      }
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'role-form-submit' }}
      width={760}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="role-form">
        {target?.mode === 'create' && (
          <Form.Item
            name="code"
            label={t('roles.code')}
            extra={t('roles.codeHint')}
            rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('roles.codeHint') }]}
          >
            <Input data-testid="role-code" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('roles.name')} rules={[{ required: true }, { max: 64 }]}>
          <Input data-testid="role-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[{ required: true }, { max: 64 }]}>
          <Input data-testid="role-name-en" />
        </Form.Item>
        <Form.Item
          name="privileged"
          label={t('roles.privileged')}
          extra={t('roles.privilegedHint')}
          valuePropName="checked"
        >
          <Switch data-testid="role-privileged" />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionCheckboxes />
        </Form.Item>
      </Form>
    </Modal>
  );
}
