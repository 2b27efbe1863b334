import { ThunderboltOutlined } from '@ant-design/icons';
import { useInvalidate } from '@refinedev/core';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, useAllowed } from '../../../providers/access-control';
import { api, ok } from '../../../api/client';
import { errorMessage } from '../../../providers/http';
import { langOf, useShortlist, type MatchItem } from './api';
import { CriteriaForm } from './criteria-form';
import { MatchResults } from './results';
import { ShortlistBoard, type MoveRequest } from './shortlist-board';

/** "Recherche & biens": the dossier's search, ranked matches with explanations, and the shortlist board. */
export function MatchingTab({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation('annonces');
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const canEdit = useAllowed('dossiers', 'edit');
  const canRun = hasPermission('CRM_MATCHING_RUN');
  const canView = hasPermission('CRM_MATCHING_VIEW');
  const canVisit = hasPermission('CRM_APPOINTMENTS_CREATE');
  const shortlist = useShortlist(dossierId);
  const [results, setResults] = useState<MatchItem[] | null>(null);
  const [running, setRunning] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const lang = langOf(i18n.language);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['dossier-shortlist', dossierId] }),
      queryClient.invalidateQueries({ queryKey: ['timeline'] }),
      queryClient.invalidateQueries({ queryKey: ['dossier-transitions', dossierId] }),
      invalidate({ resource: 'dossiers', invalidates: ['detail'], id: dossierId }),
      queryClient.invalidateQueries({ queryKey: ['dossier-workspace', dossierId] }),
    ]);
  };

  const run = async () => {
    setRunning(true);
    try {
      const res = await ok(
        api.POST('/api/v1/dossiers/{id}/matches', {
          params: { path: { id: dossierId }, query: { limit: 10, lang } },
        }),
      );
      setResults(res.data);
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    } catch (err) {
      notification.error({ message: t('matching.failed'), description: errorMessage(err) });
    } finally {
      setRunning(false);
    }
  };

  const add = async (m: MatchItem) => {
    setBusy(m.annonceId);
    try {
      const entry = await ok(
        api.POST('/api/v1/dossiers/{id}/shortlist', {
          params: { path: { id: dossierId }, query: { lang } },
          body: { annonceId: m.annonceId },
        }),
      );
      setResults(
        (rs) =>
          rs?.map((r) =>
            r.annonceId === m.annonceId
              ? { ...r, shortlist: { entryId: entry.id, status: entry.status } }
              : r,
          ) ?? null,
      );
      notification.success({ message: t('matching.added', { title: m.annonce.title }) });
    } catch (err) {
      notification.error({ message: t('matching.addFailed'), description: errorMessage(err) });
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  const move = async ({ entry, status, rejectOthers }: MoveRequest) => {
    setBusy(entry.id);
    try {
      // The moved entry itself; with rejectOthers, `rejected` lists the entries it closed.
      const res = await ok(
        api.PATCH('/api/v1/dossiers/{id}/shortlist/{entryId}', {
          params: { path: { id: dossierId, entryId: entry.id } },
          body: { status, version: entry.version, ...(rejectOthers ? { rejectOthers } : {}) },
        }),
      );
      const rejected = res.rejected ?? [];
      const moved = new Map([res, ...rejected].map((e) => [e.annonceId, e.status]));
      setResults(
        (rs) =>
          rs?.map((r) =>
            r.shortlist && moved.has(r.annonceId)
              ? { ...r, shortlist: { ...r.shortlist, status: moved.get(r.annonceId)! } }
              : r,
          ) ?? null,
      );
      notification.success({
        message: t('shortlist.moved', { status: t(`shortlist.status.${status}`) }),
        description: rejected.length ? t('shortlist.rejectedOthers', { count: rejected.length }) : undefined,
      });
    } catch (err) {
      notification.error({ message: t('shortlist.moveFailed'), description: errorMessage(err) });
    } finally {
      setBusy(null);
      await refresh();
    }
  };

  return (
    <Row gutter={[16, 16]} data-testid="matching-tab">
      <Col xs={24} xl={8}>
        <CriteriaForm dossierId={dossierId} canEdit={canEdit} onSaved={() => setResults(null)} />
      </Col>
      <Col xs={24} xl={16}>
        <Card
          size="small"
          title={t('matching.title')}
          extra={
            canRun ? (
              <Button
                type="primary"
                icon={<ThunderboltOutlined />}
                loading={running}
                onClick={() => void run()}
                data-testid="matching-run"
              >
                {t('matching.run')}
              </Button>
            ) : null
          }
        >
          {results ? (
            <MatchResults items={results} canRun={canRun} adding={busy} onAdd={(m) => void add(m)} />
          ) : (
            <Typography.Text type="secondary">
              {canRun ? t('matching.hint') : t('matching.readonly')}
            </Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('shortlist.title')}>
          {!canView ? <Alert type="info" showIcon message={t('shortlist.noAccess')} /> : null}
          {shortlist.isLoading ? <Skeleton active /> : null}
          {shortlist.isError ? <Alert type="error" showIcon message={errorMessage(shortlist.error)} /> : null}
          {shortlist.data ? (
            <Flex vertical gap={8}>
              <ShortlistBoard
                dossierId={dossierId}
                entries={shortlist.data.data}
                canRun={canRun}
                canVisit={canVisit}
                busy={busy}
                onMove={(m) => void move(m)}
                onVisited={() => {
                  void refresh();
                  void queryClient.invalidateQueries({ queryKey: ['appointments'] });
                }}
              />
            </Flex>
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}
