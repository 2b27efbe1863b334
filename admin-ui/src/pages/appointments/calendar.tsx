import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import {
  DndContext,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Segmented, Select, Space, Spin, Tag, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useUsers } from '../../components/users';
import i18n from '../../i18n';
import { can } from '../../engagement/api';
import { api, ok } from '../../api/client';
import { ApiError, errorMessage } from '../../providers/http';
import { isOpen, STATUS_COLOR, type Appointment, type AppointmentWarning } from './types';
import { AppointmentWarnings } from './warnings';

const FIRST_HOUR = 7;
const LAST_HOUR = 21;
const SLOT_MIN = 30;
const SLOT_PX = 30;
const SLOTS = ((LAST_HOUR - FIRST_HOUR) * 60) / SLOT_MIN;
const SLOT_FORMAT = 'YYYY-MM-DDTHH:mm';

const mondayOf = (d: Dayjs) => d.startOf('day').subtract((d.day() + 6) % 7, 'day');

/** Lanes for overlapping appointments of one day, so they sit side by side. */
function layout(items: Appointment[]): Map<string, { lane: number; lanes: number }> {
  const sorted = [...items].sort((a, b) => a.startAt.localeCompare(b.startAt));
  const ends: number[] = [];
  const lane = new Map<string, number>();
  for (const a of sorted) {
    const start = Date.parse(a.startAt);
    let i = ends.findIndex((end) => end <= start);
    if (i === -1) i = ends.push(0) - 1;
    ends[i] = Date.parse(a.endAt);
    lane.set(a.id, i);
  }
  return new Map(sorted.map((a) => [a.id, { lane: lane.get(a.id) ?? 0, lanes: Math.max(1, ends.length) }]));
}

function Slot({ at, canCreate }: { at: Dayjs; canCreate: boolean }) {
  const { t } = useTranslation('engagement');
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const key = at.format(SLOT_FORMAT);
  const { setNodeRef, isOver } = useDroppable({ id: `slot|${key}` });
  return (
    <div
      ref={setNodeRef}
      data-testid={`slot-${key}`}
      title={canCreate ? `${t('appointments.book')} ${at.format('HH:mm')}` : undefined}
      onClick={
        canCreate
          ? () =>
              void navigate(
                `/appointments/create?startAt=${encodeURIComponent(at.toISOString())}&endAt=${encodeURIComponent(at.add(1, 'hour').toISOString())}`,
              )
          : undefined
      }
      style={{
        height: SLOT_PX,
        borderTop: `1px ${at.minute() === 0 ? 'solid' : 'dotted'} ${token.colorBorderSecondary}`,
        background: isOver ? token.colorPrimaryBg : undefined,
        cursor: canCreate ? 'pointer' : 'default',
      }}
    />
  );
}

function Block({
  a,
  day,
  pos,
  draggable,
  pending,
}: {
  a: Appointment;
  day: Dayjs;
  pos: { lane: number; lanes: number };
  draggable: boolean;
  pending: boolean;
}) {
  const { t } = useTranslation('engagement');
  const { token } = theme.useToken();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: a.id,
    disabled: !draggable,
  });
  const start = dayjs(a.startAt);
  const end = dayjs(a.endAt);
  const origin = day.hour(FIRST_HOUR).minute(0);
  const top = Math.max(0, (start.diff(origin, 'minute') / SLOT_MIN) * SLOT_PX);
  const height = Math.max(SLOT_PX - 4, (end.diff(start, 'minute') / SLOT_MIN) * SLOT_PX - 2);
  const color = a.kind === 'VISITE' ? token.colorSuccessBg : token.colorPrimaryBg;
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      data-testid={`appt-${a.id}`}
      data-start={a.startAt}
      data-version={a.version}
      data-draggable={draggable ? 'true' : 'false'}
      aria-busy={pending || undefined}
      style={{
        position: 'absolute',
        top,
        height,
        left: `calc(${(pos.lane / pos.lanes) * 100}% + 2px)`,
        width: `calc(${100 / pos.lanes}% - 4px)`,
        background: color,
        border: `1px solid ${a.kind === 'VISITE' ? token.colorSuccessBorder : token.colorPrimaryBorder}`,
        borderRadius: 6,
        padding: '2px 6px',
        overflow: 'hidden',
        fontSize: 12,
        lineHeight: '16px',
        zIndex: isDragging ? 10 : 1,
        opacity: pending ? 0.6 : a.status === 'CANCELED' ? 0.5 : 1,
        cursor: draggable ? 'grab' : 'default',
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        boxShadow: isDragging ? token.boxShadow : undefined,
        touchAction: 'none',
      }}
    >
      <div style={{ fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        <Link to={`/appointments/show/${a.id}`} onPointerDown={(e) => e.stopPropagation()}>
          {a.title}
        </Link>
      </div>
      <div>
        {start.format('HH:mm')}–{end.format('HH:mm')}{' '}
        <Tag
          color={STATUS_COLOR[a.status]}
          style={{ fontSize: 10, lineHeight: '14px', padding: '0 4px', marginInlineEnd: 0 }}
        >
          {t(`appointment.statuses.${a.status}`)}
        </Tag>
      </div>
      {a.place ? <div style={{ color: token.colorTextSecondary }}>{a.place}</div> : null}
    </div>
  );
}

/** The agent calendar (F-7.1): week or day, click a free slot to book, drag an appointment to move it. */
export default function AppointmentCalendar() {
  const { t } = useTranslation('engagement');
  const { token } = theme.useToken();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const canCreate = can('CRM_APPOINTMENTS_CREATE');
  const canEdit = can('CRM_APPOINTMENTS_EDIT');
  const view = params.get('view') === 'day' ? 'day' : 'week';
  const anchor = params.get('date') ? dayjs(params.get('date')) : dayjs();
  const agent = params.get('agent') ?? (canCreate ? 'me' : 'all');
  const agentId = agent === 'me' ? users.meId : agent === 'all' ? undefined : agent;
  const first = view === 'week' ? mondayOf(anchor) : anchor.startOf('day');
  const days = Array.from({ length: view === 'week' ? 7 : 1 }, (_, i) => first.add(i, 'day'));
  const from = first.toISOString();
  const to = first.add(days.length, 'day').toISOString();
  const [moved, setMoved] = useState<Record<string, { startAt: string; endAt: string }>>({});
  const [warnings, setWarnings] = useState<AppointmentWarning[]>([]);
  const [error, setError] = useState<string | null>(null);

  const list = useQuery({
    queryKey: ['appointments', from, to, agentId ?? 'all'],
    enabled: agent !== 'me' || !!users.meId,
    queryFn: () =>
      ok(
        api.GET('/api/v1/appointments', { params: { query: { from, to, ...(agentId ? { agentId } : {}) } } }),
      ),
  });
  const items = useMemo(
    () => (list.data?.data ?? []).map((a) => ({ ...a, ...moved[a.id] })),
    [list.data, moved],
  );

  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next);
  };
  const shift = (n: number) =>
    set({ date: anchor.add(n, view === 'week' ? 'week' : 'day').format('YYYY-MM-DD') });

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const onDragEnd = async (e: DragEndEvent) => {
    const over = e.over ? String(e.over.id) : null;
    const a = items.find((x) => x.id === e.active.id);
    if (!over?.startsWith('slot|') || !a) return;
    const start = dayjs(over.slice(5), SLOT_FORMAT);
    if (start.valueOf() === Date.parse(a.startAt)) return;
    const duration = Date.parse(a.endAt) - Date.parse(a.startAt);
    const target = {
      startAt: start.toISOString(),
      endAt: new Date(start.valueOf() + duration).toISOString(),
    };
    setMoved((m) => ({ ...m, [a.id]: target }));
    setError(null);
    setWarnings([]);
    try {
      const res = await ok(
        api.POST('/api/v1/appointments/{id}/reschedule', {
          params: { path: { id: a.id } },
          body: { version: a.version, ...target },
        }),
      );
      setWarnings(res.warnings);
      notification.success({ message: t('appointments.moved') });
    } catch (err) {
      setError(
        err instanceof ApiError && err.statusCode === 409
          ? `${errorMessage(err)} — ${t('appointments.stale')}`
          : errorMessage(err),
      );
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['appointments'] });
      setMoved((m) => {
        const { [a.id]: _, ...rest } = m;
        return rest;
      });
    }
  };

  const agentOptions = [
    { value: 'me', label: users.options[0]?.label ?? '…' },
    { value: 'all', label: t('appointments.allAgents') },
    ...users.options.slice(1),
  ];

  return (
    <Flex vertical gap={12} data-testid="appointment-calendar">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('appointments.title')}
        </Typography.Title>
        {canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/appointments/create')}
          >
            {t('appointments.create')}
          </Button>
        ) : null}
      </Flex>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            <Button
              icon={<LeftOutlined />}
              aria-label={t('appointments.previous')}
              onClick={() => shift(-1)}
            />
            <Button onClick={() => set({ date: dayjs().format('YYYY-MM-DD') })}>
              {t('appointments.today')}
            </Button>
            <Button icon={<RightOutlined />} aria-label={t('appointments.next')} onClick={() => shift(1)} />
            <Typography.Text strong data-testid="calendar-range">
              {view === 'week'
                ? `${first.toDate().toLocaleDateString(i18n.language, { day: 'numeric', month: 'short' })} – ${first
                    .add(6, 'day')
                    .toDate()
                    .toLocaleDateString(i18n.language, { day: 'numeric', month: 'short', year: 'numeric' })}`
                : first.toDate().toLocaleDateString(i18n.language, { dateStyle: 'full' })}
            </Typography.Text>
          </Space>
          <Space wrap>
            <label htmlFor="calendar-agent">{t('appointments.agent')}</label>
            <Select
              id="calendar-agent"
              value={agent}
              onChange={(v: string) => set({ agent: v })}
              options={agentOptions}
              style={{ width: 220 }}
            />
            <Segmented
              value={view}
              onChange={(v) => set({ view: String(v) })}
              options={[
                { value: 'week', label: t('appointments.week') },
                { value: 'day', label: t('appointments.day') },
              ]}
            />
          </Space>
        </Flex>
      </Card>
      <Typography.Text type="secondary">
        {canEdit ? t('appointments.hint') : t('appointments.readonly')}
      </Typography.Text>
      <AppointmentWarnings warnings={warnings} testId="calendar-warnings" />
      {error ? (
        <Alert
          type="error"
          showIcon
          message={t('appointments.moveFailed')}
          description={error}
          data-testid="calendar-error"
        />
      ) : null}
      {list.isError ? <Alert type="error" showIcon message={errorMessage(list.error)} /> : null}
      <Spin spinning={list.isLoading}>
        <DndContext sensors={sensors} collisionDetection={pointerWithin} onDragEnd={(e) => void onDragEnd(e)}>
          <div
            style={{
              display: 'flex',
              border: `1px solid ${token.colorBorder}`,
              borderRadius: 8,
              background: token.colorBgContainer,
            }}
          >
            <div style={{ width: 56, flex: 'none' }}>
              <div style={{ height: 40 }} />
              {Array.from({ length: SLOTS }, (_, i) => (
                <div
                  key={i}
                  style={{
                    height: SLOT_PX,
                    fontSize: 11,
                    color: token.colorTextSecondary,
                    textAlign: 'right',
                    paddingRight: 6,
                  }}
                >
                  {i % 2 === 0 ? `${String(FIRST_HOUR + i / 2).padStart(2, '0')}:00` : ''}
                </div>
              ))}
            </div>
            {days.map((day) => {
              const dayItems = items.filter((a) => dayjs(a.startAt).isSame(day, 'day'));
              const positions = layout(dayItems);
              const isToday = day.isSame(dayjs(), 'day');
              return (
                <div
                  key={day.toISOString()}
                  style={{ flex: 1, minWidth: 0, borderLeft: `1px solid ${token.colorBorderSecondary}` }}
                  data-testid={`day-${day.format('YYYY-MM-DD')}`}
                >
                  <div
                    style={{
                      height: 40,
                      display: 'flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      fontWeight: 600,
                      color: isToday ? token.colorPrimary : undefined,
                      borderBottom: `1px solid ${token.colorBorder}`,
                    }}
                  >
                    {day.toDate().toLocaleDateString(i18n.language, {
                      weekday: 'short',
                      day: 'numeric',
                      month: 'short',
                    })}
                  </div>
                  <div style={{ position: 'relative' }}>
                    {Array.from({ length: SLOTS }, (_, i) => (
                      <Slot
                        key={i}
                        at={day
                          .hour(FIRST_HOUR)
                          .minute(0)
                          .add(i * SLOT_MIN, 'minute')}
                        canCreate={canCreate}
                      />
                    ))}
                    {dayItems.map((a) => (
                      <Block
                        key={a.id}
                        a={a}
                        day={day}
                        pos={positions.get(a.id) ?? { lane: 0, lanes: 1 }}
                        draggable={canEdit && isOpen(a.status) && !moved[a.id]}
                        pending={!!moved[a.id]}
                      />
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
        </DndContext>
      </Spin>
    </Flex>
  );
}
