import { LogoutOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { Button, Layout, Space, Tag, Typography, theme } from 'antd';
import type { Identity } from '../providers/session';

/** Top bar: organisation, user name, roles and a sign-out button. */
export function AppHeader() {
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { mutate: logout } = useLogout();

  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        padding: '0 24px',
        height: 64,
        position: 'sticky',
        top: 0,
        zIndex: 1,
      }}
    >
      <Typography.Text type="secondary" data-testid="current-org">
        {identity?.orgName}
      </Typography.Text>
      <Space size="middle">
        <Typography.Text strong data-testid="current-user">
          {identity?.name}
        </Typography.Text>
        <Space size={4} data-testid="current-roles">
          {identity?.roles.map((role) => (
            <Tag key={role}>{role}</Tag>
          ))}
        </Space>
        <Button icon={<LogoutOutlined />} onClick={() => logout()}>
          Sign out
        </Button>
      </Space>
    </Layout.Header>
  );
}
