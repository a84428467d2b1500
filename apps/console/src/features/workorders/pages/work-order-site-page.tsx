import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { useOwnerDocuments } from '../../../app/documents';
import { errorText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useWorkOrder } from '../api';
import { BindStep } from '../components/bind-step';
import { SiteForm } from '../components/site-form';
import { SiteReportView } from '../components/site-report-view';
import { DueText, KindTag, StatusTag } from '../components/work-order-tags';
import { mono, SITE_PHOTO, siteStep, WORK_ORDER_OWNER, type WorkOrderDetail } from '../model';

/** Wide enough for a tablet, a phone uses its whole width. */
const PAGE_MAX_WIDTH_PX = 760;

/** 现场作业: one work order on site — bind and key (installations), checks, photos, test, sign-off; or its report. */
export function WorkOrderSitePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const order = useWorkOrder(id);
  if (order.isError) {
    return (
      <Result
        status="warning"
        title={t('workorders.site.loadFailed')}
        subTitle={errorText(t, order.error)}
        extra={
          <Link to="/work-orders">
            <Button>{t('workorders.site.back')}</Button>
          </Link>
        }
        data-testid="site-not-found"
      />
    );
  }
  if (!order.data) return <Skeleton active />;
  return <SiteView order={order.data} />;
}

/** Kind, merchant, appointment, due, terminal: what the engineer checks before starting. */
function SiteHeader({ order: w }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="site-header" data-status={w.status}>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <KindTag kind={w.kind} />
        <StatusTag status={w.status} />
        <Typography.Text strong style={{ fontSize: 16 }}>
          <Link to={`/merchants/${w.merchantId}`} data-testid="site-merchant">
            {w.merchantLabel}
          </Link>
        </Typography.Text>
      </Flex>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'appointment',
            label: t('workorders.fields.appointmentAt'),
            children: w.appointmentAt ? formatDateTime(w.appointmentAt) : t('workorders.mine.noAppointment'),
          },
          { key: 'due', label: t('workorders.fields.dueAt'), children: <DueText order={w} /> },
          {
            key: 'terminal',
            label: t('workorders.fields.terminal'),
            children: (
              <span data-testid="site-terminal">
                {w.terminalModel ?? '—'}
                {w.serialNo && <span style={{ ...mono, marginInlineStart: 8 }}>{w.serialNo}</span>}
              </span>
            ),
          },
          {
            key: 'engineer',
            label: t('workorders.site.engineer'),
            children: w.assignee?.name ?? t('workorders.unassigned'),
          },
          { key: 'no', label: t('workorders.fields.no'), children: <span style={mono}>{w.no}</span> },
        ]}
      />
      {w.boundAt && w.serialNo && (
        <Typography.Text type="success" data-testid="site-bound">
          {t('workorders.site.bound', { serial: w.serialNo, when: formatDateTime(w.boundAt) })}
        </Typography.Text>
      )}
    </Card>
  );
}

function SiteView({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  const access = useAccess();
  const navigate = useNavigate();
  const location = useLocation();
  const step = siteStep(order);
  const documents = useOwnerDocuments(
    WORK_ORDER_OWNER,
    order.id,
    order.status === 'completed' || step === 'report',
  );
  const canWork = access.can('workOrder.complete');
  // Back where the engineer came from; a link opened on its own goes to the list.
  const back = () => (location.key === 'default' ? navigate('/work-orders/mine') : navigate(-1));

  const body = () => {
    if (order.status === 'cancelled')
      return <Alert type="info" showIcon title={t('workorders.site.cancelled')} />;
    if (order.status === 'completed') {
      if (!order.report) return <Empty description={t('workorders.site.report.none')} />;
      // Without the right to read documents the report still shows, without its photos.
      if (!documents.data && !documents.isError) return <Skeleton active />;
      return <SiteReportView report={order.report} documents={documents.data ?? []} />;
    }
    if (!canWork) return <Alert type="info" showIcon title={t('workorders.site.notYours')} />;
    if (step === 'bind') return <BindStep order={order} />;
    if (documents.isError) return <Alert type="error" showIcon title={errorText(t, documents.error)} />;
    if (!documents.data) return <Skeleton active />;
    return (
      <SiteForm key={order.id} order={order} photos={documents.data.filter((d) => d.kind === SITE_PHOTO)} />
    );
  };

  const stepIndex = order.status === 'completed' ? 3 : step === 'bind' ? 0 : 1;
  return (
    <div style={{ maxWidth: PAGE_MAX_WIDTH_PX, margin: '0 auto' }} data-testid="site-page">
      <PageHeader
        title={t('workorders.site.title')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="site-back">
            {t('workorders.site.back')}
          </Button>
        }
      />
      <SiteHeader order={order} />
      {order.requirements.bindFirst && order.status !== 'cancelled' && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Steps
            size="small"
            responsive={false}
            titlePlacement="vertical"
            current={stepIndex}
            items={[
              { title: t('workorders.site.steps.bind') },
              { title: t('workorders.site.steps.report') },
              { title: t('workorders.site.steps.signOff') },
            ]}
          />
        </Card>
      )}
      {body()}
    </div>
  );
}
