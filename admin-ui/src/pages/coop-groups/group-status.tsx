import { StopOutlined } from '@ant-design/icons';
import { useInvalidate } from '@refinedev/core';
import { App, Button, Card, Flex, Input, List, Popconfirm, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Reply } from '../../api/client';
import { useCoopQuery, useRefreshCoop } from '../../coop/api';
import type { CoopGroup } from '../../coop/types';
import { errorMessage } from '../../providers/http';

type Move = Reply<'/api/v1/coop/groups/{id}/transitions', 'get'>['data'][number];

/** The group's status moves (COOP_GROUP workflow): allowed ones as buttons, blocked ones with the reason. */
export function GroupStatusCard({ group }: { group: CoopGroup }) {
  const { t } = useTranslation('coop');
  const { notification } = App.useApp();
  const invalidate = useInvalidate();
  const refresh = useRefreshCoop();
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const moves = useCoopQuery(['group-transitions', group.id, group.version], () =>
    api.GET('/api/v1/coop/groups/{id}/transitions', { params: { path: { id: group.id } } }),
  );
  const allowed = moves.data?.data.filter((m) => m.allowed) ?? [];
  const blocked = moves.data?.data.filter((m) => !m.allowed) ?? [];

  const move = async (m: Move) => {
    setBusy(true);
    try {
      await ok(
        api.POST('/api/v1/coop/groups/{id}/transitions', {
          params: { path: { id: group.id } },
          body: { to: m.to, version: group.version, comment: comment.trim() || null },
        }),
      );
      notification.success({ message: t('status.moved', { label: m.label }) });
      setComment('');
    } catch (err) {
      notification.error({ message: t('status.failed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
      await invalidate({ resource: 'coop/groups', invalidates: ['detail', 'list'], id: group.id });
      await refresh();
    }
  };

  return (
    <Card size="small" title={t('status.title')} data-testid="group-transitions">
      {moves.isLoading ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {moves.data && !moves.data.data.length ? (
        <Typography.Text type="secondary">{t('status.none')}</Typography.Text>
      ) : null}
      <Flex gap={8} wrap align="center">
        {allowed.map((m) => (
          <Popconfirm
            key={m.to}
            title={m.label}
            description={
              <Input.TextArea
                rows={2}
                placeholder={t('status.comment')}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            }
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => move(m)}
          >
            <Button loading={busy} data-testid={`group-transition-${m.to}`}>
              {m.label}
            </Button>
          </Popconfirm>
        ))}
      </Flex>
      {blocked.length ? (
        <List
          size="small"
          dataSource={blocked}
          renderItem={(m) => (
            <List.Item>
              <Typography.Text type="secondary">
                <StopOutlined /> <strong>{m.label}</strong>
                {m.reason ? ` — ${m.reason}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
