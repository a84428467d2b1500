import { InboxOutlined } from '@ant-design/icons';
import { Flex, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { mono, type TerminalListItem } from '../model';

/** Where the terminal is: at a merchant (MID and name), else in a warehouse, with its organisation. */
export function TerminalLocation({ row, linkMerchant }: { row: TerminalListItem; linkMerchant: boolean }) {
  if (row.merchantId) {
    const label = (
      <Space size={6}>
        <span style={mono}>{row.mid}</span>
        <span>{row.merchantName}</span>
      </Space>
    );
    return linkMerchant ? (
      <Link to={`/merchants/${row.merchantId}`} data-testid="terminal-merchant-link">
        {label}
      </Link>
    ) : (
      label
    );
  }
  return (
    <Flex vertical>
      {row.warehouseName ? (
        <Typography.Text ellipsis>
          <InboxOutlined style={{ marginInlineEnd: 4 }} />
          {row.warehouseName}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
        {row.orgName}
      </Typography.Text>
    </Flex>
  );
}
