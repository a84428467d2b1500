import { ReloadOutlined } from '@ant-design/icons';
import { Button, Col, Result, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { errorText } from '../../../app/errors';
import { useFleetOverview, useStockLevels, useTerminalAlerts } from '../api';
import { FleetCharts } from '../components/fleet-charts';
import { FleetKpis } from '../components/fleet-kpis';
import { RegisterCheck } from '../components/register-check';

/**
 * 机具总览: the fleet of the user's subtree at a glance — counts, online rate, low stock, open alerts,
 * the fleet by status, model, organisation, firmware and age, and the register check.
 */
export function OverviewPage() {
  const { t } = useTranslation();
  const overview = useFleetOverview();
  const stock = useStockLevels();
  const alerts = useTerminalAlerts('open');

  const refresh = () => {
    void overview.refetch();
    void stock.refetch();
    void alerts.refetch();
  };

  return (
    <>
      <PageHeader
        title={t('terminals.overview.title')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={refresh}
            loading={overview.isFetching}
            data-testid="overview-refresh"
          >
            {t('terminals.overview.refresh')}
          </Button>
        }
      />
      {overview.isError ? (
        <Result status="warning" title={errorText(t, overview.error)} />
      ) : (
        <>
          <FleetKpis overview={overview.data} stock={stock.data} openAlerts={alerts.data?.length} />
          {overview.data ? (
            <Row gutter={[16, 16]}>
              <Col span={24}>
                <RegisterCheck register={overview.data.register} />
              </Col>
              <Col span={24}>
                <FleetCharts overview={overview.data} />
              </Col>
            </Row>
          ) : (
            <Skeleton active paragraph={{ rows: 8 }} />
          )}
        </>
      )}
    </>
  );
}
