import { App, Button, Flex, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserListItem } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { useErrorReporter } from '../../../app/errors';
import { useRoles } from '../../roles/api';
import { useGrantRole, useRevokeRole } from '../api';
import { RoleSelect } from './role-select';

interface GrantValues {
  roleId: string;
  reason?: string;
}

/** The user's roles, with revoke, and the grant form (privileged roles go to approval). */
export function UserRoles({ user }: { user: UserListItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const [form] = Form.useForm<GrantValues>();
  const grant = useGrantRole();
  const revoke = useRevokeRole();
  const roles = useRoles();
  const canAssign = access.can('role.assign');
  const privileged = new Set((roles.data ?? []).filter((r) => r.privileged).map((r) => r.id));

  const onGrant = async (v: GrantValues) => {
    try {
      const result = await grant.mutateAsync({
        id: user.id,
        body: { roleId: v.roleId, reason: v.reason?.trim() || undefined },
      });
      form.resetFields();
      if (result.status === 'pending_approval') message.info(t('users.grant.pending'));
      else message.success(t('users.grant.granted'));
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <>
      <Flex wrap gap={8} data-testid="user-roles">
        {user.roles.length === 0 && (
          <Typography.Text type="secondary">{t('users.grant.none')}</Typography.Text>
        )}
        {user.roles.map((r) => (
          <Tag key={r.id} color={privileged.has(r.id) ? 'red' : 'blue'} style={{ padding: '2px 8px' }}>
            {r.name}
            {canAssign && (
              <Popconfirm
                title={t('users.grant.confirmRevoke')}
                okButtonProps={{ 'data-testid': 'revoke-role-confirm' }}
                onConfirm={() =>
                  revoke.mutate(
                    { id: user.id, roleId: r.id },
                    {
                      onSuccess: () => message.success(t('users.grant.revoked')),
                      onError: (error) => report(error),
                    },
                  )
                }
              >
                <Button
                  type="link"
                  size="small"
                  danger
                  style={{ paddingInline: 4, height: 'auto' }}
                  data-testid={`revoke-role-${r.code}`}
                >
                  {t('users.grant.revoke')}
                </Button>
              </Popconfirm>
            )}
          </Tag>
        ))}
      </Flex>
      {canAssign && (
        <Form<GrantValues>
          form={form}
          layout="vertical"
          onFinish={onGrant}
          style={{ marginTop: 16 }}
          data-testid="grant-role-form"
        >
          <Typography.Text strong>{t('users.grant.title')}</Typography.Text>
          <Form.Item
            name="roleId"
            label={t('users.grant.role')}
            rules={[{ required: true }]}
            style={{ marginTop: 8 }}
          >
            <RoleSelect
              exclude={user.roles.map((r) => r.id)}
              placeholder={t('users.grant.role')}
              testId="grant-role-select"
            />
          </Form.Item>
          <Form.Item name="reason" label={t('users.grant.reason')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="grant-role-reason" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="grant-role-submit">
            {t('users.grant.submit')}
          </Button>
        </Form>
      )}
    </>
  );
}
