import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { List } from '@refinedev/antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Form, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDictionary } from '../../components/dictionary';
import { useAllowed } from '../../providers/access-control';
import { api, ok } from '../../api/client';
import { errorMessage } from '../../providers/http';
import { CardBody, Column, DraggableCard, type DropState } from './kanban-parts';
import { columnKeyboardCoordinates, useKanbanAnnouncements } from './kanban-a11y';
import { transitionsKey, useTransitionFlow, useTransitionOptions } from './transition';
import type { Dossier } from './types';
import { pageTitle } from '../../components/page-title';

/** The column under the pointer; with the keyboard (no pointer), the one the card overlaps most. */
const columnUnderPointer: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);

/**
 * Kanban of one case type: a card can only be dropped on a status the allowed-transitions endpoint
 * allows now; the other columns are greyed out with the reason. A refused move snaps back.
 */
export default function DossierKanban() {
  const { t, i18n } = useTranslation('agent');
  const { notification } = App.useApp();
  const [params, setParams] = useSearchParams();
  const caseType = params.get('caseType') ?? 'ACHAT';
  const caseTypes = useDictionary('CASE_TYPE', { entity: 'DOSSIER' });
  const statuses = useDictionary('CASE_STATUS');
  const canMove = useAllowed('dossiers', 'transition');
  const queryClient = useQueryClient();
  const board = useQuery({
    queryKey: ['kanban', caseType],
    queryFn: () => ok(api.GET('/api/v1/dossiers/kanban', { params: { query: { caseType } } })),
  });
  const [active, setActive] = useState<Dossier | null>(null);
  const options = useTransitionOptions(active?.id, !!active);
  const flow = useTransitionFlow();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const accessibility = useKanbanAnnouncements(
    (id) => board.data?.columns.flatMap((c) => c.data).find((d) => d.id === id)?.reference ?? id,
    (code) => statuses.label(code),
  );

  const prefetch = (id: string) =>
    void queryClient.prefetchQuery({
      queryKey: transitionsKey(id, lang),
      queryFn: () =>
        ok(api.GET('/api/v1/dossiers/{id}/transitions', { params: { path: { id }, query: { lang } } })),
      staleTime: 10_000,
    });

  const dropState = (code: string): DropState => {
    if (!active) return { kind: 'idle' };
    if (code === active.statusCode) return { kind: 'current' };
    if (!options.data || options.data.statusCode !== active.statusCode) return { kind: 'loading' };
    const option = options.data.data.find((o) => o.to === code);
    if (!option)
      return {
        kind: 'blocked',
        reason: t('kanban.noTransition', {
          from: statuses.label(active.statusCode),
          to: statuses.label(code),
        }),
      };
    return option.allowed
      ? { kind: 'allowed' }
      : { kind: 'blocked', reason: option.reason ?? t('kanban.blocked') };
  };

  const onDragStart = (event: DragStartEvent) => {
    const dossier = board.data?.columns.flatMap((c) => c.data).find((d) => d.id === event.active.id);
    setActive(dossier ?? null);
  };

  const onDragEnd = (event: DragEndEvent) => {
    const dossier = active;
    setActive(null);
    const target = event.over?.id;
    if (!dossier || typeof target !== 'string' || target === dossier.statusCode) return;
    const state = dropState(target);
    if (state.kind === 'loading') {
      notification.info({ message: t('kanban.stillLoading') });
      return;
    }
    if (state.kind === 'blocked') {
      notification.error({
        message: t('transition.refused'),
        description: <span data-testid="transition-error">{state.reason}</span>,
        key: `transition-${dossier.id}`,
      });
      return;
    }
    const option = options.data?.data.find((o) => o.to === target);
    if (option) flow.start(dossier, option);
  };

  return (
    <List
      title={pageTitle(t('kanban.title'))}
      headerButtons={
        <Form layout="inline">
          <Form.Item label={t('dossier.caseType')} htmlFor="kanban-case-type" style={{ marginBottom: 0 }}>
            <Select
              id="kanban-case-type"
              value={caseType}
              options={caseTypes.options}
              style={{ width: 200 }}
              onChange={(value: string) => setParams({ caseType: value })}
            />
          </Form.Item>
          <Link to="/dossiers">
            <Button>{t('kanban.toList')}</Button>
          </Link>
        </Form>
      }
    >
      {board.isError ? <Alert type="error" showIcon message={errorMessage(board.error)} /> : null}
      {board.isLoading ? <Spin /> : null}
      {board.data ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('kanban.hint', { version: board.data.definitionVersion })}
            {canMove ? '' : ` ${t('kanban.readonly')}`}
          </Typography.Paragraph>
          <DndContext
            sensors={sensors}
            accessibility={accessibility}
            collisionDetection={columnUnderPointer}
            onDragStart={onDragStart}
            onDragEnd={onDragEnd}
            onDragCancel={() => setActive(null)}
          >
            <Flex gap={12} style={{ overflowX: 'auto', paddingBottom: 8 }} data-testid="kanban-board">
              {board.data.columns.map((col) => (
                <Column
                  key={col.statusCode}
                  code={col.statusCode}
                  title={statuses.label(col.statusCode) || col.label}
                  total={col.total}
                  state={dropState(col.statusCode)}
                >
                  {col.data.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kanban.emptyColumn')} />
                  ) : null}
                  {col.data.map((d) => (
                    <DraggableCard
                      key={d.id}
                      dossier={d}
                      disabled={!canMove || !!col.terminal}
                      busy={flow.busy === d.id}
                      onHover={() => prefetch(d.id)}
                    />
                  ))}
                </Column>
              ))}
            </Flex>
            <DragOverlay>{active ? <CardBody dossier={active} dragging /> : null}</DragOverlay>
          </DndContext>
        </>
      ) : null}
      {flow.dialog}
    </List>
  );
}
