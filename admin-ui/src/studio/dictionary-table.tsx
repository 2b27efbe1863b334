import { HolderOutlined } from '@ant-design/icons';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { DragEndEvent } from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { createContext, useContext, type CSSProperties, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { moveCode, type DictionaryEntry } from './dictionary-types';

type Listeners = ReturnType<typeof useSortable>['listeners'];
const HandleContext = createContext<{ listeners?: Listeners; attributes?: object }>({});

function DragHandle({ code }: { code: string }) {
  const { t } = useTranslation('studio');
  const { listeners, attributes } = useContext(HandleContext);
  return (
    <Button
      type="text"
      size="small"
      icon={<HolderOutlined />}
      style={{ cursor: 'grab' }}
      aria-label={t('dictionaries.dragHandle', { code })}
      data-testid={`drag-${code}`}
      {...attributes}
      {...listeners}
    />
  );
}

function SortableRow(props: HTMLAttributes<HTMLTableRowElement> & { 'data-row-key': string }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: props['data-row-key'],
  });
  const style: CSSProperties = {
    ...props.style,
    transform: CSS.Translate.toString(transform),
    transition,
    ...(isDragging ? { position: 'relative', zIndex: 9, background: '#e6f4ff' } : {}),
  };
  return (
    <HandleContext.Provider value={{ listeners, attributes }}>
      <tr {...props} ref={setNodeRef} style={style} />
    </HandleContext.Provider>
  );
}

interface Props {
  entries: DictionaryEntry[];
  loading: boolean;
  editable: boolean;
  onReorder: (codes: string[]) => void;
  onEdit: (entry: DictionaryEntry) => void;
  onToggleActive: (entry: DictionaryEntry) => void;
}

/** Entries in their order; managers drag rows (mouse or keyboard: space, arrows, space) to reorder. */
export function DictionaryTable({ entries, loading, editable, onReorder, onEdit, onToggleActive }: Props) {
  const { t } = useTranslation('studio');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const codes = entries.map((e) => e.code);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onReorder(moveCode(codes, String(active.id), String(over.id)));
  };

  const columns: ColumnsType<DictionaryEntry> = [
    ...(editable
      ? [{ key: 'drag', width: 48, render: (_: unknown, e: DictionaryEntry) => <DragHandle code={e.code} /> }]
      : []),
    {
      title: t('dictionaries.code'),
      dataIndex: 'code',
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    { title: t('dictionaries.labelFr'), dataIndex: 'labelFr', render: (v: string | null) => v ?? '—' },
    { title: t('dictionaries.labelEn'), dataIndex: 'label' },
    {
      title: t('dictionaries.labelAr'),
      dataIndex: 'labelAr',
      render: (v: string | null) =>
        v ? (
          <span dir="rtl" lang="ar" style={{ display: 'block', textAlign: 'right' }}>
            {v}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('dictionaries.scope'),
      dataIndex: 'scope',
      render: (s: DictionaryEntry['scope']) =>
        s === 'TENANT' ? (
          <Tag color="blue">{t('dictionaries.tenant')}</Tag>
        ) : (
          <Tag>{t('dictionaries.global')}</Tag>
        ),
    },
    {
      title: t('dictionaries.status'),
      dataIndex: 'isActive',
      render: (active: boolean) =>
        active ? (
          <Tag color="green">{t('dictionaries.active')}</Tag>
        ) : (
          <Tag color="red">{t('dictionaries.inactive')}</Tag>
        ),
    },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, e: DictionaryEntry) => (
              <Space>
                <Button size="small" onClick={() => onEdit(e)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={
                    e.isActive
                      ? t('dictionaries.confirmDeactivate', { code: e.code })
                      : t('dictionaries.confirmActivate', { code: e.code })
                  }
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => onToggleActive(e)}
                >
                  <Button size="small" danger={e.isActive}>
                    {e.isActive ? t('dictionaries.deactivate') : t('dictionaries.activate')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={codes} strategy={verticalListSortingStrategy}>
        <Table<DictionaryEntry>
          rowKey="code"
          size="middle"
          loading={loading}
          dataSource={entries}
          columns={columns}
          pagination={false}
          components={editable ? { body: { row: SortableRow } } : undefined}
          onRow={(e) => ({ 'data-testid': `dict-row-${e.code}` }) as HTMLAttributes<HTMLElement>}
        />
      </SortableContext>
    </DndContext>
  );
}
