import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { FINAL_DELIVERY } from './api';

const COLOR: Record<string, string> = {
  PENDING: 'default',
  SENDING: 'processing',
  SENT: 'blue',
  DELIVERED: 'green',
  READ: 'green',
  FAILED: 'red',
  RECEIVED: 'purple',
};
const MAX_POLLS = 40;

/** A message's delivery status, polled from GET /messages/:id until it is final (or a few dozen times). */
export function DeliveryStatus({ messageId, initial }: { messageId: string; initial?: string }) {
  const { t } = useTranslation('engagement');
  const message = useQuery({
    queryKey: ['message', messageId],
    queryFn: () => ok(api.GET('/api/v1/messages/{id}', { params: { path: { id: messageId } } })),
    refetchInterval: (q) =>
      q.state.data && FINAL_DELIVERY.has(q.state.data.deliveryStatus)
        ? false
        : q.state.dataUpdateCount < MAX_POLLS
          ? 1500
          : false,
    retry: false,
  });
  const status = message.data?.deliveryStatus ?? initial ?? 'PENDING';
  // When the status settles, reload the timeline so its delivery event shows too.
  const queryClient = useQueryClient();
  const first = useRef(status);
  useEffect(() => {
    if (status !== first.current && FINAL_DELIVERY.has(status))
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
  }, [status, queryClient]);
  const tag = (
    <Tag color={COLOR[status] ?? 'default'} data-testid="delivery-status" data-delivery={status}>
      {t(`delivery.${status}`, { defaultValue: status })}
    </Tag>
  );
  return message.data?.failureReason ? <Tooltip title={message.data.failureReason}>{tag}</Tooltip> : tag;
}
