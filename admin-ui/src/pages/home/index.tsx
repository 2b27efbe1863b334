import { useGetIdentity } from '@refinedev/core';
import { Card, Typography } from 'antd';
import type { Identity } from '../../providers/session';

/** Dashboard placeholder. */
export function HomePage() {
  const { data: identity } = useGetIdentity<Identity>();

  return (
    <Card data-testid="home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Welcome, {identity?.name}
      </Typography.Title>
      <Typography.Paragraph>
        Organisation: <Typography.Text strong>{identity?.orgName}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        This is the Atlas CRM admin shell — the work screens come next.
      </Typography.Paragraph>
    </Card>
  );
}
