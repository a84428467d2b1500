import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Drawer, Form, Input, Row, Select, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { ApprovalChain, ApprovalChainStep, OrgLevel } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { errorText, useErrorReporter } from '../../../app/errors';
import { roleLabel, useRoles } from '../../roles/api';
import { fenToYuan, yuanPattern, yuanToFen } from '../amount';
import { useUpdateApprovalChain } from '../api';

const orgLevels: readonly OrgLevel[] = ['any', 'branch', 'head_office'];
const gradeOptions = ['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }));
const maxSteps = 10;

/** A step as edited: the amount threshold in yuan as typed. */
interface StepValues {
  roleCode?: string;
  orgLevel?: OrgLevel;
  minAmountYuan?: string;
  grades?: string[];
}

interface Values {
  steps: StepValues[];
}

function toValues(chain: ApprovalChain): Values {
  return {
    steps: chain.steps.map((s) => ({
      roleCode: s.roleCode,
      orgLevel: s.orgLevel,
      minAmountYuan: s.minAmountMinor === undefined ? undefined : fenToYuan(s.minAmountMinor),
      grades: s.grades,
    })),
  };
}

function toStep(v: StepValues): ApprovalChainStep {
  const fen = v.minAmountYuan?.trim() ? yuanToFen(v.minAmountYuan) : undefined;
  const grades = (v.grades ?? []).map((g) => g.trim()).filter(Boolean);
  return {
    roleCode: v.roleCode ?? '',
    orgLevel: v.orgLevel ?? 'any',
    ...(fen === undefined ? {} : { minAmountMinor: fen }),
    ...(grades.length > 0 ? { grades } : {}),
  };
}

/** Server field paths name the amount in fen; the form edits it in yuan. */
const mapField = (path: string) => path.replace(/^(steps\.\d+)\.minAmountMinor$/, '$1.minAmountYuan');

interface Props {
  chain: ApprovalChain | null;
  onClose: () => void;
}

/** Edits the steps of one approval chain (Form.List: add, remove, reorder; at least one step). */
export function ChainEditDrawer({ chain, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const update = useUpdateApprovalChain();
  const roles = useRoles(access.can('role.read'));
  // Keep showing the chain while the drawer slides out.
  const [shown, setShown] = useState(chain);
  if (chain && chain !== shown) setShown(chain);

  const knownCodes = new Set(roles.data?.map((r) => r.code));
  const roleOptions = [
    ...(roles.data ?? []).map((r) => ({
      value: r.code,
      searchText: `${r.code} ${r.name} ${r.nameEn}`,
      label: (
        <Space size={6}>
          {roleLabel(r, i18n.language)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    })),
    // Roles named by the chain but not readable here stay selectable by code.
    ...[...new Set(shown?.steps.map((s) => s.roleCode))]
      .filter((code) => !knownCodes.has(code))
      .map((code) => ({ value: code, searchText: code, label: code })),
  ];
  const levelOptions = orgLevels.map((l) => ({ value: l, label: t(`approvals.chains.levels.${l}`) }));

  const onFinish = async (values: Values) => {
    if (!shown) return;
    try {
      await update.mutateAsync({ type: shown.type, body: { steps: values.steps.map(toStep) } });
      message.success(t('approvals.chains.saved'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'FORBIDDEN') {
        message.error(`${errorText(t, error)} ${t('approvals.chains.headOfficeOnly')}`);
        return;
      }
      report(error, form, { mapField });
    }
  };

  const name = shown ? (i18n.language === 'en-US' ? shown.nameEn : shown.name) : '';

  return (
    <Drawer
      open={chain !== null}
      onClose={onClose}
      size={720}
      title={t('approvals.chains.editTitle', { name })}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={update.isPending}
            onClick={() => form.submit()}
            data-testid="chain-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      data-testid="chain-drawer"
    >
      {shown && (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={toValues(shown)}
          onFinish={onFinish}
          data-testid="chain-form"
        >
          <Typography.Paragraph type="secondary">
            <Typography.Text code>{shown.type}</Typography.Text> {t('approvals.chains.stepsHint')}
          </Typography.Paragraph>
          <Form.List
            name="steps"
            rules={[
              {
                validator: async (_, steps?: StepValues[]) => {
                  if (!steps || steps.length < 1) throw new Error(t('approvals.chains.atLeastOne'));
                  if (steps.length > maxSteps) throw new Error(t('approvals.chains.atMost', { n: maxSteps }));
                },
              },
            ]}
          >
            {(fields, { add, remove, move }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={t('approvals.chains.stepN', { n: index + 1 })}
                    style={{ marginBottom: 12 }}
                    data-testid="chain-step-item"
                    extra={
                      <Space size={0}>
                        <Tooltip title={t('approvals.chains.moveUp')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={index === 0}
                            onClick={() => move(index, index - 1)}
                            aria-label={t('approvals.chains.moveUp')}
                            data-testid="chain-step-up"
                          />
                        </Tooltip>
                        <Tooltip title={t('approvals.chains.moveDown')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={index === fields.length - 1}
                            onClick={() => move(index, index + 1)}
                            aria-label={t('approvals.chains.moveDown')}
                            data-testid="chain-step-down"
                          />
                        </Tooltip>
                        <Tooltip title={t('approvals.chains.removeStep')}>
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={fields.length <= 1}
                            onClick={() => remove(index)}
                            aria-label={t('approvals.chains.removeStep')}
                            data-testid="chain-step-remove"
                          />
                        </Tooltip>
                      </Space>
                    }
                  >
                    <Row gutter={16}>
                      <Col span={12}>
                        <Form.Item
                          name={[field.name, 'roleCode']}
                          label={t('approvals.chains.role')}
                          rules={[{ required: true }]}
                        >
                          <Select
                            options={roleOptions}
                            loading={roles.isPending && roles.fetchStatus !== 'idle'}
                            showSearch={{ optionFilterProp: 'searchText' }}
                            data-testid="chain-step-role"
                          />
                        </Form.Item>
                      </Col>
                      <Col span={12}>
                        <Form.Item
                          name={[field.name, 'orgLevel']}
                          label={t('approvals.chains.orgLevel')}
                          rules={[{ required: true }]}
                        >
                          <Select options={levelOptions} data-testid="chain-step-level" />
                        </Form.Item>
                      </Col>
                      <Col span={12}>
                        <Form.Item
                          name={[field.name, 'minAmountYuan']}
                          label={t('approvals.chains.minAmount')}
                          extra={t('approvals.chains.minAmountHint')}
                          normalize={(v?: string) => v?.trim()}
                          rules={[{ pattern: yuanPattern, message: t('approvals.chains.minAmountInvalid') }]}
                          style={{ marginBottom: 0 }}
                        >
                          <Input
                            prefix="¥"
                            inputMode="decimal"
                            allowClear
                            placeholder="10000.00"
                            data-testid="chain-step-amount"
                          />
                        </Form.Item>
                      </Col>
                      <Col span={12}>
                        <Form.Item
                          name={[field.name, 'grades']}
                          label={t('approvals.chains.grades')}
                          extra={t('approvals.chains.gradesHint')}
                          rules={[
                            {
                              validator: async (_, grades?: string[]) => {
                                if (!grades) return;
                                if (grades.length > 10 || grades.some((g) => g.trim().length > 8))
                                  throw new Error(t('approvals.chains.gradesInvalid'));
                              },
                            },
                          ]}
                          style={{ marginBottom: 0 }}
                        >
                          <Select
                            mode="tags"
                            options={gradeOptions}
                            tokenSeparators={[',', ' ']}
                            allowClear
                            data-testid="chain-step-grades"
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  disabled={fields.length >= maxSteps}
                  onClick={() => add({ orgLevel: 'any' } satisfies StepValues)}
                  data-testid="chain-add-step"
                >
                  {t('approvals.chains.addStep')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
