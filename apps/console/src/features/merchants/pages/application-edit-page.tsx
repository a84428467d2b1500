import { LeftOutlined, RightOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import type { ApplicationDetail, ApplicationFormView, DocumentMeta } from '../../../api/types';
import { PageHeader } from '../../../app/components/page-header';
import { errorText } from '../../../app/errors';
import {
  useApplication,
  useApplicationAction,
  useApplicationDocuments,
  useSaveApplicationForm,
} from '../api';
import { ApplicationStatusTag } from '../components/application-status-tag';
import {
  BusinessStep,
  ContactsStep,
  DocumentsStep,
  LegalRepStep,
  LicenceStep,
  SettlementStep,
} from '../components/form-sections';
import {
  type FormValues,
  formPathOf,
  formSteps,
  isEmptyValue,
  stepOfPath,
  toDraft,
  toFormValues,
} from '../form-model';
import { fieldLabel, fieldMessage } from '../labels';
import { editableStatuses } from '../model';

/** A problem to show in the summary: where it is and what is wrong. */
interface Problem {
  path: string;
  message: string;
}

interface Problems {
  source: 'client' | 'server';
  items: Problem[];
}

type NamePath = (string | number)[];

/** The summary lists this many problems before "… and N more". */
const maxProblemsShown = 8;

const namePath = (dotted: string): NamePath =>
  dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** The form item a path belongs to: itself or its nearest registered ancestor. */
function registeredPath(path: string, registered: ReadonlySet<string>): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (registered.has(candidate)) return candidate;
  }
  return undefined;
}

/** 填写进件申请: the step form (Ant Design Pro's StepsForm pattern), one form across all steps. */
export function ApplicationEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const application = useApplication(id);
  const documents = useApplicationDocuments(id);
  const [generation, setGeneration] = useState(0);

  if (application.isError) {
    return (
      <Result
        status="warning"
        title={t('merchants.form.loadFailed')}
        subTitle={errorText(t, application.error)}
        extra={
          <Link to="/merchants/applications">
            <Button>{t('merchants.list.title')}</Button>
          </Link>
        }
      />
    );
  }
  if (!application.data || documents.isPending) return <Skeleton active />;
  const a = application.data;
  if (!editableStatuses.includes(a.status)) {
    return (
      <Result
        status="info"
        title={a.no}
        subTitle={t('merchants.form.notEditable', { status: t(`merchants.statuses.${a.status}`) })}
        extra={
          <Link to={`/merchants/applications/${a.id}`}>
            <Button type="primary" data-testid="app-to-detail">
              {t('merchants.form.toDetail')}
            </Button>
          </Link>
        }
      />
    );
  }
  return (
    <StepForm
      key={`${a.id}:${generation}`}
      application={a}
      documents={documents.data ?? []}
      onReload={async () => {
        await Promise.all([application.refetch(), documents.refetch()]);
        setGeneration((g) => g + 1);
      }}
    />
  );
}

interface StepFormProps {
  application: ApplicationDetail;
  documents: DocumentMeta[];
  onReload: () => Promise<void>;
}

function StepForm({ application, documents, onReload }: StepFormProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  // Untyped: field paths are built at run time (server paths, list items).
  const [form] = Form.useForm();
  const save = useSaveApplicationForm();
  const act = useApplicationAction();
  const [current, setCurrent] = useState(0);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [stale, setStale] = useState(false);
  const [errorSteps, setErrorSteps] = useState<ReadonlySet<number>>(new Set());
  // Steps whose fields passed the client checks (on Next or on submit): only they show as done.
  const [passedSteps, setPassedSteps] = useState<ReadonlySet<number>>(new Set());
  const [showAllProblems, setShowAllProblems] = useState(false);
  // The version and form this editor last loaded or saved: a save names it, so that someone else's
  // save in between is refused instead of overwritten.
  const version = useRef(application.version);
  const loaded = useRef<ApplicationFormView>(application.form);
  const [initialValues] = useState(() => toFormValues(application.form, documents));
  const last = formSteps.length - 1;
  const busy = save.isPending || act.isPending;

  const refreshErrorSteps = () => {
    const steps = new Set<number>();
    for (const field of form.getFieldsError()) {
      if (field.errors.length > 0) steps.add(stepOfPath(field.name.join('.')));
    }
    setErrorSteps(steps);
  };

  const goTo = (step: number, focus?: NamePath) => {
    setCurrent(step);
    window.scrollTo({ top: 0, behavior: 'smooth' });
    // The step must be on screen before its field can be scrolled to.
    if (focus) setTimeout(() => form.scrollToField(focus, { block: 'center', behavior: 'smooth' }), 50);
  };

  /** Shows server field errors on their items; returns the problems for the summary. */
  const applyServerFields = (fields: Record<string, string>): Problem[] => {
    const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
    const byTarget = new Map<string, string[]>();
    const items: Problem[] = [];
    for (const [serverPath, raw] of Object.entries(fields)) {
      const path = formPathOf(serverPath);
      const text = fieldMessage(t, path, raw);
      items.push({ path, message: text });
      const target = registeredPath(path, registered);
      if (target) byTarget.set(target, [...(byTarget.get(target) ?? []), text]);
    }
    form.setFields([...byTarget].map(([path, errors]) => ({ name: namePath(path), errors })));
    items.sort((x, y) => stepOfPath(x.path) - stepOfPath(y.path));
    return items;
  };

  const showProblems = (next: Problems) => {
    setProblems(next);
    setShowAllProblems(false);
    refreshErrorSteps();
    const first = next.items[0];
    if (first) goTo(stepOfPath(first.path), namePath(first.path));
  };

  /** Errors the server answered to a save or submit, wherever they belong. */
  const handleError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409 && error.code === 'CONFLICT') {
      setStale(true);
      return;
    }
    if (error instanceof ApiError && error.fields && Object.keys(error.fields).length > 0) {
      showProblems({ source: 'server', items: applyServerFields(error.fields) });
      return;
    }
    message.error(errorText(t, error));
  };

  /** Client checks of the whole form; on failure shows the problems and returns false. */
  const validateAll = async (): Promise<boolean> => {
    try {
      await form.validateFields();
      setPassedSteps(new Set(formSteps.map((_, i) => i)));
      return true;
    } catch (failure) {
      const errorFields = (failure as { errorFields?: { name: NamePath; errors: string[] }[] }).errorFields;
      if (!errorFields) throw failure;
      const failed = new Set(errorFields.map((f) => stepOfPath(f.name.join('.'))));
      setPassedSteps(new Set(formSteps.map((_, i) => i).filter((i) => !failed.has(i))));
      showProblems({
        source: 'client',
        items: errorFields
          .map((f) => ({ path: f.name.join('.'), message: f.errors[0] ?? '' }))
          .sort((x, y) => stepOfPath(x.path) - stepOfPath(y.path)),
      });
      return false;
    }
  };

  /** For a draft only malformed values stop the save; what is merely not filled in yet may stay so. */
  const validateFilled = async (): Promise<boolean> => {
    try {
      await form.validateFields();
      return true;
    } catch (failure) {
      const errorFields = (failure as { errorFields?: { name: NamePath; errors: string[] }[] }).errorFields;
      if (!errorFields) throw failure;
      const blocking = errorFields.filter((f) => !isEmptyValue(form.getFieldValue(f.name)));
      form.setFields(
        errorFields
          .filter((f) => isEmptyValue(form.getFieldValue(f.name)))
          .map((f) => ({ name: f.name, errors: [] })),
      );
      refreshErrorSteps();
      const first = blocking[0];
      if (!first) return true;
      goTo(stepOfPath(first.name.join('.')), first.name);
      message.error(errorText(t, new ApiError(400, 'VALIDATION_FAILED', '')));
      return false;
    }
  };

  const persist = async (): Promise<ApplicationDetail> => {
    const body = {
      form: toDraft(form.getFieldsValue(true) as FormValues, loaded.current),
      version: version.current,
    };
    const detail = await save.mutateAsync({ id: application.id, body });
    version.current = detail.version;
    loaded.current = detail.form;
    return detail;
  };

  const onSaveDraft = async () => {
    if (!(await validateFilled())) return;
    try {
      await persist();
      setProblems(null);
      message.success(t('merchants.form.draftSaved'));
    } catch (error) {
      handleError(error);
    }
  };

  const doSubmit = async () => {
    try {
      await persist();
      await act.mutateAsync({
        id: application.id,
        action: application.status === 'returned' ? 'resubmit' : 'submit',
      });
      message.success(t('merchants.form.submitted'));
      navigate(`/merchants/applications/${application.id}`);
    } catch (error) {
      handleError(error);
    }
  };

  const onSubmit = async () => {
    if (!(await validateAll())) return;
    setProblems(null);
    modal.confirm({
      title: t(application.status === 'returned' ? 'merchants.actions.resubmit' : 'merchants.form.submit'),
      content: t('merchants.form.confirmSubmit'),
      okButtonProps: { 'data-testid': 'app-submit-confirm' },
      onOk: doSubmit,
    });
  };

  const onNext = async () => {
    const sections = formSteps[current]?.sections ?? [];
    try {
      await form.validateFields(
        sections.map((s) => [s]),
        { recursive: true },
      );
      refreshErrorSteps();
      setPassedSteps((steps) => new Set([...steps, current]));
      goTo(Math.min(current + 1, last));
    } catch {
      refreshErrorSteps();
      const first = form
        .getFieldsError()
        .find((f) => f.errors.length > 0 && stepOfPath(f.name.join('.')) === current);
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
    }
  };

  const stepTitle = (index: number) => t(`merchants.steps.${formSteps[index]?.key ?? 'business'}`);

  return (
    <>
      <PageHeader
        title={
          <Space size={12}>
            {t('merchants.form.title', { no: application.no })}
            <ApplicationStatusTag status={application.status} />
          </Space>
        }
        extra={
          <Link to={`/merchants/applications/${application.id}`} data-testid="app-to-detail">
            {t('merchants.form.toDetail')}
          </Link>
        }
      />
      {application.status === 'returned' && <ReturnedNotice application={application} />}
      <Card>
        <Steps
          current={current}
          onChange={(step) => goTo(step)}
          size="small"
          items={formSteps.map((s, i) => ({
            title: stepTitle(i),
            status: errorSteps.has(i)
              ? 'error'
              : i === current
                ? 'process'
                : passedSteps.has(i)
                  ? 'finish'
                  : 'wait',
            'data-testid': `app-step-${s.key}`,
          }))}
          style={{ marginBottom: 24 }}
          data-testid="app-steps"
        />
        {stale && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('merchants.form.stale')}
            action={
              <Button
                size="small"
                danger
                onClick={async () => {
                  await onReload();
                  message.info(t('merchants.form.reloaded'));
                }}
                data-testid="app-reload"
              >
                {t('merchants.form.reload')}
              </Button>
            }
            data-testid="app-stale"
          />
        )}
        {problems && problems.items.length > 0 && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setProblems(null) }}
            style={{ marginBottom: 16 }}
            title={t('merchants.form.problemsTitle', { count: problems.items.length })}
            description={
              <>
                <Typography.Text type="secondary">
                  {problems.source === 'server'
                    ? t('merchants.form.problemsServerHint')
                    : t('merchants.form.problemsClientHint')}
                </Typography.Text>
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {(showAllProblems ? problems.items : problems.items.slice(0, maxProblemsShown)).map((p) => (
                    <li key={`${p.path}:${p.message}`}>
                      <Typography.Link onClick={() => goTo(stepOfPath(p.path), namePath(p.path))}>
                        {stepTitle(stepOfPath(p.path))} › {fieldLabel(t, p.path)}
                      </Typography.Link>
                      {t('merchants.form.colon')}
                      {p.message}
                    </li>
                  ))}
                </ul>
                {!showAllProblems && problems.items.length > maxProblemsShown && (
                  <Typography.Link onClick={() => setShowAllProblems(true)} data-testid="app-problems-more">
                    {t('merchants.form.moreProblems', { count: problems.items.length - maxProblemsShown })}
                  </Typography.Link>
                )}
              </>
            }
            data-testid="app-problems"
          />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFieldsChange={refreshErrorSteps}
          scrollToFirstError={false}
          data-testid="app-form"
          style={{ maxWidth: 1100 }}
        >
          {formSteps.map((s, i) => (
            <div key={s.key} hidden={i !== current} data-testid={`app-step-panel-${s.key}`}>
              {s.key === 'business' && <BusinessStep />}
              {s.key === 'legalRep' && <LegalRepStep loaded={loaded} />}
              {s.key === 'licence' && <LicenceStep />}
              {s.key === 'settlement' && <SettlementStep loaded={loaded} />}
              {s.key === 'contacts' && <ContactsStep form={form} />}
              {s.key === 'documents' && <DocumentsStep applicationId={application.id} />}
            </div>
          ))}
        </Form>
        <Flex justify="space-between" style={{ marginTop: 8 }}>
          <Button
            icon={<LeftOutlined />}
            disabled={current === 0}
            onClick={() => goTo(current - 1)}
            data-testid="app-step-prev"
          >
            {t('merchants.form.prev')}
          </Button>
          <Space>
            <Button
              icon={<SaveOutlined />}
              loading={save.isPending && !act.isPending}
              disabled={busy}
              onClick={onSaveDraft}
              data-testid="app-save-draft"
            >
              {t('merchants.form.saveDraft')}
            </Button>
            {current < last ? (
              <Button type="primary" onClick={onNext} data-testid="app-step-next">
                {t('merchants.form.next')} <RightOutlined />
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={act.isPending}
                disabled={busy}
                onClick={onSubmit}
                data-testid="app-submit"
              >
                {application.status === 'returned'
                  ? t('merchants.actions.resubmit')
                  : t('merchants.form.submit')}
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
    </>
  );
}

/** What the reviewer asked to correct, from the latest return in the history. */
function ReturnedNotice({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  const lastReturn = [...application.history]
    .reverse()
    .find((h) => h.event === 'return' || h.event === 'return_from_approval');
  if (!lastReturn) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`${t('merchants.events.return')} · ${lastReturn.actorName}`}
      description={lastReturn.comment}
      data-testid="app-returned-notice"
    />
  );
}
