import { HolderOutlined, StopOutlined } from '@ant-design/icons';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Badge, Button, Card, Flex, Tooltip, Typography, theme } from 'antd';
import type { CSSProperties, KeyboardEventHandler, PointerEventHandler, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../components/format';
import type { Dossier } from './types';

/** What a column means for the card being dragged. */
export type DropState =
  | { kind: 'idle' }
  | { kind: 'current' }
  | { kind: 'loading' }
  | { kind: 'allowed' }
  | { kind: 'blocked'; reason: string };

export function CardBody({
  dossier,
  dragging,
  handle,
}: {
  dossier: Dossier;
  dragging?: boolean;
  handle?: ReactNode;
}) {
  const amount = dossier.amount ?? dossier.budgetMax;
  return (
    <Card
      size="small"
      style={{
        cursor: dragging ? 'grabbing' : 'grab',
        boxShadow: dragging ? '0 6px 16px rgba(0,0,0,.18)' : undefined,
      }}
    >
      <Flex gap={4} align="start">
        {handle}
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong ellipsis style={{ display: 'block' }}>
            <Link to={`/dossiers/show/${dossier.id}`} onPointerDown={(e) => e.stopPropagation()}>
              {dossier.title}
            </Link>
          </Typography.Text>
          <Flex justify="space-between">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dossier.reference}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 12 }}>
              {amount === null ? '' : formatMoney(amount, dossier.currency)}
            </Typography.Text>
          </Flex>
        </div>
      </Flex>
    </Card>
  );
}

/**
 * A kanban card. The pointer drags it from anywhere but its link; the keyboard (dnd-kit's keyboard
 * sensor: Space to lift, arrows to move, Space to drop) works through the handle button. The card
 * itself is no `role="button"`, so its link is not nested in another control.
 */
export function DraggableCard({
  dossier,
  disabled,
  busy,
  onHover,
}: {
  dossier: Dossier;
  disabled: boolean;
  busy: boolean;
  onHover: () => void;
}) {
  const { t } = useTranslation('a11y');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: dossier.id,
    disabled: disabled || busy,
  });
  // dnd-kit types its listeners loosely (Function); these two are React event handlers.
  const onKeyDown = listeners?.onKeyDown as KeyboardEventHandler | undefined;
  const onPointerDown = listeners?.onPointerDown as PointerEventHandler | undefined;
  const handle = (
    <Button
      ref={setActivatorNodeRef}
      {...attributes}
      onKeyDown={onKeyDown}
      type="text"
      size="small"
      icon={<HolderOutlined />}
      aria-label={t('kanban.handle', { reference: dossier.reference })}
      data-testid={`kanban-handle-${dossier.reference}`}
      style={{ cursor: disabled ? 'not-allowed' : 'grab' }}
    />
  );
  return (
    <div
      ref={setNodeRef}
      onPointerDown={onPointerDown}
      data-testid={`kanban-card-${dossier.reference}`}
      data-dossier-id={dossier.id}
      aria-disabled={disabled || busy}
      aria-busy={busy || undefined}
      onPointerEnter={onHover}
      onFocus={onHover}
      style={{ opacity: isDragging || busy ? 0.4 : 1, touchAction: 'none', userSelect: 'none' }}
    >
      <CardBody dossier={dossier} handle={handle} />
    </div>
  );
}

export function Column({
  code,
  title,
  total,
  state,
  children,
}: {
  code: string;
  title: ReactNode;
  total: number;
  state: DropState;
  children: ReactNode;
}) {
  const { token } = theme.useToken();
  const { setNodeRef, isOver } = useDroppable({ id: code });
  const blocked = state.kind === 'blocked';
  const style: CSSProperties = {
    width: 220,
    minWidth: 220,
    background: token.colorFillQuaternary,
    borderRadius: token.borderRadiusLG,
    padding: 8,
    // Longhands only: React clears a longhand it no longer sets, which would reset a shorthand's colour.
    borderWidth: 2,
    borderStyle: 'dashed',
    borderColor: 'transparent',
    transition: 'border-color .15s, opacity .15s',
    minHeight: 320,
  };
  if (state.kind === 'allowed') {
    style.borderColor = isOver ? token.colorPrimary : token.colorPrimaryBorder;
    style.background = isOver ? token.colorPrimaryBg : style.background;
  }
  if (blocked) {
    style.opacity = 0.55;
    style.borderColor = isOver ? token.colorError : token.colorBorder;
    style.cursor = 'not-allowed';
  }
  return (
    <div
      ref={setNodeRef}
      style={style}
      data-testid={`kanban-column-${code}`}
      data-drop-state={state.kind}
      title={blocked ? state.reason : undefined}
      aria-disabled={blocked || undefined}
    >
      <Tooltip title={blocked ? state.reason : undefined} open={blocked && isOver ? true : undefined}>
        <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
          <Typography.Text strong>{title}</Typography.Text>
          <Badge count={total} showZero color={token.colorTextTertiary} />
        </Flex>
      </Tooltip>
      {blocked ? (
        <Typography.Paragraph
          type="danger"
          style={{ fontSize: 12, marginBottom: 8 }}
          data-testid={`kanban-blocked-${code}`}
        >
          <StopOutlined /> {state.reason}
        </Typography.Paragraph>
      ) : null}
      <Flex vertical gap={8}>
        {children}
      </Flex>
    </div>
  );
}
