import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreateUserResponse } from '../../../api/types';
import { useErrorReporter } from '../../../app/errors';
import { OrgTreeSelect } from '../../orgs/components/org-tree-select';
import { useCreateUser } from '../api';
import { RoleSelect } from './role-select';

interface Values {
  username: string;
  displayName: string;
  orgId: string;
  email?: string;
  phone?: string;
  roleIds?: string[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (result: CreateUserResponse) => void;
}

export function CreateUserModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const result = await create.mutateAsync({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        orgId: v.orgId,
        email: v.email?.trim() || undefined,
        phone: v.phone?.trim() || undefined,
        roleIds: v.roleIds ?? [],
      });
      form.resetFields();
      onCreated(result);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.create')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-user-submit' }}
      forceRender
      width={560}
    >
      <Form form={form} layout="vertical" data-testid="create-user-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true },
            { pattern: /^[a-z][a-z0-9._-]{2,31}$/, message: t('users.usernameHint') },
          ]}
        >
          <Input autoComplete="off" data-testid="create-user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true }, { max: 64 }]}
        >
          <Input data-testid="create-user-display-name" />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true }]}>
          <OrgTreeSelect style={{ width: '100%' }} testId="create-user-org" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}>
          <Input data-testid="create-user-email" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneHint') }]}
        >
          <Input maxLength={11} data-testid="create-user-phone" />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')} extra={t('users.rolesHint')}>
          <RoleSelect multiple testId="create-user-roles" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
