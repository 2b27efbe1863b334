import { StopOutlined } from '@ant-design/icons';
import { useInvalidate } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, List, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionary';
import { api, ok } from '../../api/client';
import { errorMessage } from '../../providers/http';
import type { Annonce } from './types';

const langOf = (language: string) => (language.startsWith('en') ? 'en' : 'fr');

/** Status moves of a listing: buttons for the allowed ones, the blocked ones with the server's reason. */
export function AnnonceTransitions({ annonce, canMove }: { annonce: Annonce; canMove: boolean }) {
  const { t, i18n } = useTranslation('annonces');
  const { notification } = App.useApp();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const lang = langOf(i18n.language);
  const options = useQuery({
    queryKey: ['annonce-transitions', annonce.id, annonce.version, lang],
    queryFn: () =>
      ok(
        api.GET('/api/v1/annonces/{id}/transitions', {
          params: { path: { id: annonce.id }, query: { lang } },
        }),
      ),
  });
  const statuses = useDictionary('CASE_STATUS');
  // A transition without a label of its own (the server then sends its code) reads as its target status.
  const labelled = (options.data?.data ?? []).map((o) => ({
    ...o,
    label: o.label && o.label !== o.to ? o.label : statuses.label(o.to),
  }));
  const allowed = labelled.filter((o) => o.allowed);
  const blocked = labelled.filter((o) => !o.allowed);

  const move = async (to: string, label: string) => {
    setBusy(true);
    try {
      await ok(
        api.POST('/api/v1/annonces/{id}/transitions', {
          params: { path: { id: annonce.id }, query: { lang } },
          body: { to, version: annonce.version },
        }),
      );
      notification.success({ message: t('show.moved', { label }) });
    } catch (err) {
      notification.error({ message: t('show.moveFailed'), description: errorMessage(err) });
    } finally {
      setBusy(false);
      await Promise.all([
        invalidate({ resource: 'annonces', invalidates: ['detail', 'list'], id: annonce.id }),
        queryClient.invalidateQueries({ queryKey: ['annonce-history', annonce.id] }),
        queryClient.invalidateQueries({ queryKey: ['record-audit', 'annonces', annonce.id] }),
      ]);
    }
  };

  return (
    <Card size="small" title={t('show.transitions')} data-testid="annonce-transitions">
      {options.isLoading ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {options.isError ? <Alert type="error" showIcon message={errorMessage(options.error)} /> : null}
      {options.data && options.data.data.length === 0 ? (
        <Typography.Text type="secondary">{t('show.noTransition')}</Typography.Text>
      ) : null}
      {canMove ? (
        <Flex gap={8} wrap>
          {allowed.map((o) => (
            <Button
              key={o.to}
              loading={busy}
              onClick={() => void move(o.to, o.label)}
              data-testid={`annonce-transition-${o.to}`}
            >
              {o.label}
            </Button>
          ))}
        </Flex>
      ) : null}
      {blocked.length || (!canMove && allowed.length) ? (
        <List
          size="small"
          style={{ marginTop: canMove && allowed.length ? 12 : 0 }}
          dataSource={canMove ? blocked : [...allowed, ...blocked]}
          renderItem={(o) => (
            <List.Item data-testid={`annonce-blocked-${o.to}`}>
              <Typography.Text type={o.allowed ? undefined : 'secondary'}>
                {o.allowed ? null : <StopOutlined />} <strong>{o.label}</strong>
                {o.reason ? ` — ${o.reason}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
