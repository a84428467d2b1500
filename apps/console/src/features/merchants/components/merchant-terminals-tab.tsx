import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { formatDateTime } from '../../../app/format';
import type { MerchantProfile, MerchantTerminal } from '../model';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/** A terminal as the merchant page lists it, with its ledger id (none for installations recorded before the ledger). */
type TerminalRow = MerchantTerminal & { terminalId?: string | null };

/** 终端: the terminals installed at the merchant, with the work order that installed each. */
export function MerchantTerminalsTab({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const access = useAccess();
  const mayOpen = access.can('terminal.read');
  return (
    <Table<TerminalRow>
      rowKey="serialNo"
      size="small"
      pagination={false}
      dataSource={m.terminals}
      locale={{ emptyText: t('merchants.merchant.terminals.none') }}
      columns={[
        {
          title: t('merchants.merchant.terminals.serialNo'),
          dataIndex: 'serialNo',
          render: (serial: string, row) =>
            mayOpen && row.terminalId ? (
              <Link
                to={`/terminals/${row.terminalId}`}
                style={mono}
                data-testid={`merchant-terminal-${serial}`}
              >
                {serial}
              </Link>
            ) : (
              <span style={mono}>{serial}</span>
            ),
        },
        {
          title: t('merchants.merchant.terminals.model'),
          dataIndex: 'model',
          render: (model: string | null) => model ?? '—',
        },
        {
          title: t('merchants.merchant.terminals.installedAt'),
          dataIndex: 'installedAt',
          render: (at: string | null) => formatDateTime(at),
        },
        {
          title: t('merchants.merchant.terminals.workOrderNo'),
          dataIndex: 'workOrderNo',
          render: (no: string) => <span style={mono}>{no}</span>,
        },
      ]}
      data-testid="merchant-terminals"
    />
  );
}
