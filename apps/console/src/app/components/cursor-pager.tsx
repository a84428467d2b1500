import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CursorPager as Pager } from '../use-cursor-pager';

interface Props {
  pager: Pager;
  nextCursor: string | null | undefined;
  loading?: boolean;
  /** Prefix of the buttons' test ids, for a pager that shares the screen with another one. */
  testIdPrefix?: string;
}

export function CursorPager({ pager, nextCursor, loading, testIdPrefix = 'page' }: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 16 }}>
      <Button
        icon={<LeftOutlined />}
        disabled={!pager.hasPrev || loading}
        onClick={pager.prev}
        data-testid={`${testIdPrefix}-prev`}
      >
        {t('common.prevPage')}
      </Button>
      <Typography.Text type="secondary" data-testid={`${testIdPrefix}-number`}>
        {t('common.pageN', { n: pager.page })}
      </Typography.Text>
      <Button
        disabled={!nextCursor || loading}
        onClick={() => nextCursor && pager.next(nextCursor)}
        data-testid={`${testIdPrefix}-next`}
      >
        {t('common.nextPage')} <RightOutlined />
      </Button>
    </Flex>
  );
}
