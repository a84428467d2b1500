import { Card } from 'antd';
import type { ReactNode } from 'react';

/** A section of the site page: a card with a title and, on the right, what it needs. */
export function SiteSection({
  title,
  extra,
  children,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginBottom: 12 }} data-testid={testId}>
      {children}
    </Card>
  );
}
