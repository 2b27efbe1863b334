import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ok, type Reply } from '../api/client';
import { formatDateTime } from './format';
import { NOTIFICATION_LINKS as LINKS, notificationText } from './notification-text';

type AppNotification = Reply<'/api/v1/notifications', 'get'>['data'][number];

const KEY = ['notifications', 'unread'];

/** The header bell: unread count, and a list of unread notifications to open or mark as read. */
export function NotificationBell() {
  const { t } = useTranslation('rules');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: KEY,
    queryFn: () =>
      ok(api.GET('/api/v1/notifications', { params: { query: { unread: true, pageSize: 20 } } })),
    refetchInterval: 30_000,
  });
  const total = unread.data?.total ?? 0;

  const markRead = async (n: AppNotification) => {
    await ok(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } }));
    await queryClient.invalidateQueries({ queryKey: KEY });
  };
  const openOne = async (n: AppNotification) => {
    await markRead(n);
    // A task reminder opens "Mes tâches", where the task can be completed or moved.
    if (n.entityType === 'Activity') {
      setOpen(false);
      void navigate('/tasks');
      return;
    }
    const link = n.entityType && n.entityId ? LINKS[n.entityType] : undefined;
    if (link) {
      setOpen(false);
      void navigate(`${link}${n.entityId}`);
    }
  };

  const content = (
    <div style={{ width: 380, maxHeight: 440, overflowY: 'auto' }} data-testid="notification-list">
      {unread.data?.data.length ? (
        <List<AppNotification>
          size="small"
          dataSource={unread.data.data}
          renderItem={(n) => {
            const text = notificationText(n);
            return (
              <List.Item
                data-testid="notification-item"
                actions={[
                  <Button key="read" size="small" type="link" onClick={() => void markRead(n)}>
                    {t('bell.markRead')}
                  </Button>,
                ]}
              >
                <Flex vertical style={{ cursor: 'pointer', minWidth: 0 }} onClick={() => void openOne(n)}>
                  <Typography.Text strong>{text.title}</Typography.Text>
                  {text.body ? (
                    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                      {text.body}
                    </Typography.Paragraph>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            );
          }}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('bell.title')}
      content={content}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void unread.refetch();
      }}
    >
      <Badge count={total} size="small" data-testid="notification-count">
        <Button
          shape="circle"
          icon={<BellOutlined />}
          aria-label={t('bell.title')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
