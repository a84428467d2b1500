import { App, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserListItem } from '../../../api/types';
import { useErrorReporter } from '../../../app/errors';
import { OrgTreeSelect } from '../../orgs/components/org-tree-select';
import { useUpdateUser } from '../api';

interface Values {
  displayName: string;
  email?: string | null;
  phone?: string | null;
  orgId: string;
}

export function UserEditForm({ user, onDone }: { user: UserListItem; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUser();

  const onFinish = async (v: Values) => {
    try {
      await update.mutateAsync({
        id: user.id,
        body: {
          displayName: v.displayName.trim(),
          email: v.email?.trim() || null,
          // The list shows the number masked: only send it when typed anew.
          ...(form.isFieldTouched('phone') ? { phone: v.phone?.trim() || null } : {}),
          ...(v.orgId !== user.orgId ? { orgId: v.orgId } : {}),
        },
      });
      message.success(t('common.saved'));
      onDone();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ displayName: user.displayName, email: user.email, phone: null, orgId: user.orgId }}
      data-testid="user-edit-form"
    >
      <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }, { max: 64 }]}>
        <Input data-testid="user-edit-display-name" />
      </Form.Item>
      <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true }]}>
        <OrgTreeSelect style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('users.phone')}
        extra={user.phoneMasked ?? undefined}
        rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneHint') }]}
      >
        <Input maxLength={11} placeholder={user.phoneMasked ?? ''} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="user-edit-submit">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
