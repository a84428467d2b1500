import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { formatNumber } from '../../../app/format';
import { OrgTreeSelect } from '../../orgs/components/org-tree-select';
import { useCampaignPreview, useCreateCampaign, useReleases } from '../upgrade-api';
import { CANARY_PERCENT_MAX, type CampaignDetail, versionPattern } from '../upgrade-model';

interface Values {
  releaseId: string;
  orgId: string;
  fromVersions: string[];
  canaryPercent: number;
  name?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (campaign: CampaignDetail) => void;
}

/**
 * 新建升级任务: a published release (its model is the target model), the org subtree, the current versions
 * to upgrade from (none: any but the target) and the canary share. What it would take is previewed as the
 * form is filled in; the campaign is created as a draft and started from its detail.
 */
export function CampaignFormDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const create = useCreateCampaign();
  const releases = useReleases();
  const [form] = Form.useForm<Values>();
  const releaseId = Form.useWatch('releaseId', form);
  const orgId = Form.useWatch('orgId', form);
  const fromVersions = Form.useWatch('fromVersions', form) ?? [];
  const canaryPercent = Form.useWatch('canaryPercent', form);
  const preview = useCampaignPreview({
    releaseId: open ? releaseId : undefined,
    orgId,
    fromVersions: fromVersions.filter((v) => versionPattern.test(v)),
    canaryPercent: canaryPercent ?? undefined,
  });
  const published = (releases.data ?? []).filter((r) => r.status === 'published');

  const onFinish = async (values: Values) => {
    try {
      const campaign = await create.mutateAsync({
        releaseId: values.releaseId,
        orgId: values.orgId,
        fromVersions: values.fromVersions ?? [],
        canaryPercent: values.canaryPercent,
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
      });
      message.success(t('terminals.upgrade.created', { no: campaign.no }));
      form.resetFields();
      onCreated(campaign);
    } catch (error) {
      report(error, form);
    }
  };

  const p = preview.data;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={t('terminals.upgrade.createCampaign')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="campaign-submit"
          >
            {t('common.submit')}
          </Button>
        </Space>
      }
      data-testid="campaign-drawer"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ canaryPercent: 5, fromVersions: [] }}
      >
        <Form.Item
          name="releaseId"
          label={t('terminals.upgrade.fields.release')}
          rules={[{ required: true, message: t('terminals.upgrade.releaseRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={releases.isPending}
            placeholder={t('terminals.upgrade.releaseRequired')}
            onChange={() => form.setFieldValue('fromVersions', [])}
            options={published.map((r) => ({
              value: r.id,
              label: `${r.modelName} · ${t(`terminals.upgrade.kinds.${r.kind}`)} ${r.version}`,
            }))}
            data-testid="campaign-release"
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('terminals.upgrade.fields.org')}
          extra={t('terminals.upgrade.orgHint')}
          rules={[{ required: true, message: t('terminals.upgrade.orgRequired') }]}
        >
          <OrgTreeSelect style={{ width: '100%' }} testId="campaign-org" />
        </Form.Item>
        <Form.Item
          name="fromVersions"
          label={t('terminals.upgrade.fields.fromVersions')}
          extra={t('terminals.upgrade.fromVersionsHint')}
          rules={[
            {
              validator: async (_, list: string[] | undefined) => {
                const bad = (list ?? []).find((v) => !versionPattern.test(v));
                if (bad) throw new Error(t('terminals.upgrade.versionInvalid', { version: bad }));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            placeholder={t('terminals.upgrade.anyOtherVersion')}
            options={(p?.versions ?? [])
              .filter((v) => v.version !== null && !v.isTarget)
              .map((v) => ({
                value: v.version!,
                label: t('terminals.upgrade.versionUnits', { version: v.version, n: formatNumber(v.units) }),
              }))}
            data-testid="campaign-from-versions"
          />
        </Form.Item>
        <Form.Item
          name="canaryPercent"
          label={t('terminals.upgrade.fields.canaryPercent')}
          extra={t('terminals.upgrade.canaryHint')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: 1,
              max: CANARY_PERCENT_MAX,
              message: t('terminals.upgrade.canaryRequired', { max: CANARY_PERCENT_MAX }),
            },
          ]}
        >
          <InputNumber
            min={1}
            max={CANARY_PERCENT_MAX}
            precision={0}
            suffix="%"
            style={{ width: 140 }}
            data-testid="campaign-canary"
          />
        </Form.Item>
        <Form.Item name="name" label={t('terminals.upgrade.nameOptional')}>
          <Input
            maxLength={100}
            placeholder={t('terminals.upgrade.namePlaceholder')}
            data-testid="campaign-name"
          />
        </Form.Item>
      </Form>
      {p && releaseId && orgId && (
        <Alert
          type={p.targets > 0 ? 'info' : 'warning'}
          showIcon
          title={
            p.targets > 0
              ? t('terminals.upgrade.preview', {
                  targets: formatNumber(p.targets),
                  canary: formatNumber(p.canary),
                })
              : t('terminals.upgrade.previewNone')
          }
          description={
            p.noWindow > 0 ? (
              <Typography.Text type="warning">
                {t('terminals.upgrade.noWindow', { n: p.noWindow })}
              </Typography.Text>
            ) : undefined
          }
          data-testid="campaign-form-preview"
          data-targets={p.targets}
        />
      )}
    </Drawer>
  );
}
