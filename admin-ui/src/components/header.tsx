import { KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useThemedLayoutContext } from '@refinedev/antd';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { Button, Dropdown, Grid, Layout, Space, Tag, Typography, theme, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Identity } from '../providers/session';
import { GlobalSearch } from './global-search';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from './notification-bell';
import './header.css';

/**
 * Top bar: organisation, the search box (Ctrl/Cmd+K), language switch, notification bell, user name (menu: change my password), roles and sign-out.
 * Below antd's `lg` breakpoint (where Refine turns the side menu into a drawer) it opens that drawer
 * from a labelled button, and the organisation, roles and sign-out move into the user's menu.
 */
export function AppHeader() {
  const { token } = theme.useToken();
  const { t } = useTranslation();
  const { data: identity } = useGetIdentity<Identity>();
  const { mutate: logout } = useLogout();
  const navigate = useNavigate();
  const breakpoint = Grid.useBreakpoint();
  const { setMobileSiderOpen } = useThemedLayoutContext();
  const compact = breakpoint.lg === false;
  const roleLabel = (role: string) => t(`problems:role.${role}`, { defaultValue: role });
  const items: MenuProps['items'] = [{ key: 'password', icon: <KeyOutlined />, label: t('password:menu') }];
  if (compact)
    items.unshift(
      { key: 'org', disabled: true, label: identity?.orgName },
      { key: 'roles', disabled: true, label: identity?.roles.map(roleLabel).join(', ') },
      { type: 'divider' },
    );
  if (compact) items.push({ key: 'logout', icon: <LogoutOutlined />, label: t('common:header.signOut') });
  const userMenu: MenuProps = {
    items,
    onClick: ({ key }) => (key === 'logout' ? logout() : void navigate('/change-password')),
  };

  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        gap: 8,
        padding: compact ? '0 12px' : '0 24px',
        height: 64,
        position: 'sticky',
        top: 0,
        zIndex: 3,
      }}
    >
      {compact ? (
        <Button
          icon={<MenuOutlined />}
          aria-label={t('a11y:header.menu')}
          data-testid="menu-toggle"
          onClick={() => setMobileSiderOpen(true)}
        />
      ) : (
        <Typography.Text type="secondary" data-testid="current-org" ellipsis>
          {identity?.orgName}
        </Typography.Text>
      )}
      <Space size={compact ? 'small' : 'middle'} style={{ minWidth: 0 }}>
        <GlobalSearch compact={compact} />
        <LanguageSwitch />
        <NotificationBell />
        <Dropdown menu={userMenu} trigger={['click']}>
          <Typography.Link
            strong
            ellipsis
            data-testid="current-user"
            style={{ maxWidth: compact ? 120 : 240, display: 'inline-block', verticalAlign: 'middle' }}
          >
            {identity?.name}
          </Typography.Link>
        </Dropdown>
        {compact ? null : (
          <Space size={4} data-testid="current-roles">
            {identity?.roles.map((role) => (
              <Tag key={role} title={role}>
                {roleLabel(role)}
              </Tag>
            ))}
          </Space>
        )}
        {compact ? null : (
          <Button icon={<LogoutOutlined />} onClick={() => logout()}>
            {t('common:header.signOut')}
          </Button>
        )}
      </Space>
    </Layout.Header>
  );
}
