import { App, Button, Drawer, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { useSaveRelease } from '../upgrade-api';
import {
  megabytes,
  type Release,
  type ReleaseInput,
  releaseKinds,
  sha256Pattern,
  versionPattern,
} from '../upgrade-model';
import { TerminalModelSelect } from './catalogue-selects';

interface Values {
  modelId: string;
  kind: ReleaseInput['kind'];
  version: string;
  notes?: string;
  packageSha256: string;
  packageBytes: number;
  packageUrl?: string;
}

/**
 * 新增/编辑版本 (a draft): the model, firmware or app, the version, release notes, and the package's
 * SHA-256 and size in bytes — the terminal checks both before installing — with where to fetch it.
 */
export function ReleaseFormDrawer({
  open,
  release,
  onClose,
}: {
  open: boolean;
  /** The draft being edited; null: a new release. */
  release: Release | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const save = useSaveRelease();
  const [form] = Form.useForm<Values>();
  const bytes = Form.useWatch('packageBytes', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (release)
      form.setFieldsValue({
        modelId: release.modelId,
        kind: release.kind,
        version: release.version,
        notes: release.notes,
        packageSha256: release.packageSha256,
        packageBytes: release.packageBytes,
        packageUrl: release.packageUrl ?? '',
      });
  }, [open, release, form]);

  const onFinish = async (v: Values) => {
    try {
      const saved = await save.mutateAsync({
        id: release?.id ?? null,
        body: {
          modelId: v.modelId,
          kind: v.kind,
          version: v.version.trim(),
          notes: v.notes?.trim() ?? '',
          packageSha256: v.packageSha256.trim().toLowerCase(),
          packageBytes: v.packageBytes,
          packageUrl: v.packageUrl?.trim() || null,
        },
      });
      message.success(t('terminals.upgrade.releaseSaved', { name: saved.modelName, version: saved.version }));
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={release ? t('terminals.upgrade.editRelease') : t('terminals.upgrade.createRelease')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="release-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      data-testid="release-drawer"
    >
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'firmware' }}>
        <Form.Item
          name="modelId"
          label={t('terminals.upgrade.fields.model')}
          rules={[{ required: true, message: t('terminals.upgrade.modelRequired') }]}
        >
          <TerminalModelSelect
            style={{ width: '100%' }}
            placeholder={t('terminals.upgrade.modelRequired')}
            testId="release-model"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('terminals.upgrade.fields.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={releaseKinds.map((k) => ({
              value: k,
              label: <span data-testid={`release-kind-${k}`}>{t(`terminals.upgrade.kinds.${k}`)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="version"
          label={t('terminals.upgrade.fields.version')}
          rules={[
            { required: true, pattern: versionPattern, message: t('terminals.upgrade.versionRequired') },
          ]}
        >
          <Input maxLength={40} placeholder="1.7.0" data-testid="release-version" />
        </Form.Item>
        <Form.Item name="notes" label={t('terminals.upgrade.fields.notes')}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="release-notes" />
        </Form.Item>
        <Form.Item
          name="packageSha256"
          label={t('terminals.upgrade.fields.sha256')}
          rules={[{ required: true, pattern: sha256Pattern, message: t('terminals.upgrade.sha256Required') }]}
        >
          <Input maxLength={64} style={{ fontFamily: 'monospace' }} data-testid="release-sha256" />
        </Form.Item>
        <Form.Item label={t('terminals.upgrade.fields.size')} required>
          <Space align="baseline">
            <Form.Item
              name="packageBytes"
              noStyle
              rules={[
                { required: true, type: 'integer', min: 1, message: t('terminals.upgrade.sizeRequired') },
              ]}
            >
              <InputNumber min={1} precision={0} style={{ width: 200 }} data-testid="release-bytes" />
            </Form.Item>
            <Typography.Text type="secondary">
              {bytes ? megabytes(bytes) : t('terminals.upgrade.bytes')}
            </Typography.Text>
          </Space>
        </Form.Item>
        <Form.Item
          name="packageUrl"
          label={t('terminals.upgrade.fields.url')}
          extra={t('terminals.upgrade.urlHint')}
          rules={[{ type: 'url', message: t('terminals.upgrade.urlInvalid') }]}
        >
          <Input maxLength={500} placeholder="https://" data-testid="release-url" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
