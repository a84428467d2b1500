import { Button, Checkbox, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { useSaveTerminalModel } from '../api';
import {
  fenToYuan,
  type TerminalCapability,
  type TerminalModel,
  type TerminalType,
  terminalCapabilities,
  terminalTypes,
  yuanPattern,
  yuanToFen,
} from '../model';

interface Values {
  brand: string;
  model: string;
  type: TerminalType;
  capabilities: TerminalCapability[];
  unitPriceYuan: string;
}

/** Server field paths name the price in fen; the form edits it in yuan. */
const mapField = (path: string) => (path === 'unitPriceMinor' ? 'unitPriceYuan' : path);

interface Props {
  /** The model to edit, `'new'` to create one, null when closed. */
  editing: TerminalModel | 'new' | null;
  onClose: () => void;
  onSaved: (model: TerminalModel) => void;
}

/** 新增/编辑机型: brand, model, type, what it accepts, and its purchase price in yuan (sent as fen). */
export function ModelFormDrawer({ editing, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const save = useSaveTerminalModel();
  const [form] = Form.useForm<Values>();
  // Keep the title while the drawer slides out.
  const [shown, setShown] = useState(editing);
  if (editing && editing !== shown) setShown(editing);
  const existing = shown && shown !== 'new' ? shown : null;

  const onFinish = async (values: Values) => {
    const unitPriceMinor = yuanToFen(values.unitPriceYuan);
    if (unitPriceMinor === undefined) return;
    try {
      const saved = await save.mutateAsync({
        id: existing?.id ?? null,
        body: {
          brand: values.brand.trim(),
          model: values.model.trim(),
          type: values.type,
          capabilities: values.capabilities,
          unitPriceMinor,
        },
      });
      onSaved(saved);
    } catch (error) {
      report(error, form, { mapField });
    }
  };

  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={
        existing
          ? t('terminals.models.editTitle', { name: `${existing.brand} ${existing.model}` })
          : t('terminals.models.createTitle')
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="model-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      data-testid="model-drawer"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        preserve={false}
        initialValues={
          existing
            ? {
                brand: existing.brand,
                model: existing.model,
                type: existing.type,
                capabilities: existing.capabilities,
                unitPriceYuan: fenToYuan(existing.unitPriceMinor),
              }
            : { type: 'traditional', capabilities: ['magstripe', 'ic', 'contactless'] }
        }
      >
        <Form.Item
          name="brand"
          label={t('terminals.fields.brand')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input maxLength={50} data-testid="model-brand" />
        </Form.Item>
        <Form.Item
          name="model"
          label={t('terminals.fields.model')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input maxLength={50} data-testid="model-model" />
        </Form.Item>
        <Form.Item name="type" label={t('terminals.fields.type')} rules={[{ required: true }]}>
          <Select
            options={terminalTypes.map((v) => ({ value: v, label: t(`terminals.types.${v}`) }))}
            data-testid="model-type"
          />
        </Form.Item>
        <Form.Item
          name="capabilities"
          label={t('terminals.fields.capabilities')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('terminals.models.capabilitiesRequired') },
          ]}
        >
          <Checkbox.Group
            options={terminalCapabilities.map((c) => ({ value: c, label: t(`terminals.capabilities.${c}`) }))}
            data-testid="model-capabilities"
          />
        </Form.Item>
        <Form.Item
          name="unitPriceYuan"
          label={t('terminals.fields.unitPriceYuan')}
          required
          rules={[
            {
              validator: (_, value: string | undefined) =>
                value && yuanPattern.test(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('terminals.models.priceInvalid'))),
            },
          ]}
        >
          <Input
            prefix="¥"
            inputMode="decimal"
            maxLength={16}
            style={{ width: 200 }}
            data-testid="model-price"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
