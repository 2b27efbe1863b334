import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { Button, Dropdown, Layout, Space, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Identity } from '../providers/session';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from './notification-bell';

/** Top bar: organisation, language switch, notification bell, user name (menu: change my password), roles and sign-out. */
export function AppHeader() {
  const { token } = theme.useToken();
  const { t } = useTranslation();
  const { data: identity } = useGetIdentity<Identity>();
  const { mutate: logout } = useLogout();
  const navigate = useNavigate();
  const userMenu = {
    items: [{ key: 'password', icon: <KeyOutlined />, label: t('password:menu') }],
    onClick: () => void navigate('/change-password'),
  };

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
        zIndex: 3,
      }}
    >
      <Typography.Text type="secondary" data-testid="current-org">
        {identity?.orgName}
      </Typography.Text>
      <Space size="middle">
        <LanguageSwitch />
        <NotificationBell />
        <Dropdown menu={userMenu} trigger={['click']}>
          <Typography.Link strong data-testid="current-user">
            {identity?.name}
          </Typography.Link>
        </Dropdown>
        <Space size={4} data-testid="current-roles">
          {identity?.roles.map((role) => (
            <Tag key={role}>{role}</Tag>
          ))}
        </Space>
        <Button icon={<LogoutOutlined />} onClick={() => logout()}>
          {t('common:header.signOut')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
