import {
  KeyboardCode,
  type Announcements,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
} from '@dnd-kit/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What dnd-kit tells screen readers during a keyboard (or pointer) move, in the UI language —
 * its defaults are English and name cards by id. Cards are named by reference, columns by status label.
 */
export function useKanbanAnnouncements(
  cardLabel: (id: string) => string,
  columnLabel: (code: string) => string,
): {
  screenReaderInstructions: ScreenReaderInstructions;
  announcements: Announcements;
} {
  const { t } = useTranslation('a11y');
  return useMemo(() => {
    const column = (id: string | number) => columnLabel(String(id));
    const card = (id: string | number) => cardLabel(String(id));
    return {
      screenReaderInstructions: { draggable: t('kanban.instructions') },
      announcements: {
        onDragStart: ({ active }) => t('kanban.picked', { id: card(active.id) }),
        onDragOver: ({ active, over }) =>
          over
            ? t('kanban.over', { id: card(active.id), column: column(over.id) })
            : t('kanban.notOver', { id: card(active.id) }),
        onDragEnd: ({ active, over }) =>
          over
            ? t('kanban.dropped', { id: card(active.id), column: column(over.id) })
            : t('kanban.cancelled', { id: card(active.id) }),
        onDragCancel: ({ active }) => t('kanban.cancelled', { id: card(active.id) }),
      },
    };
  }, [t, cardLabel, columnLabel]);
}

/** A column's width plus the gap between columns (kanban-parts.tsx, kanban.tsx). */
export const COLUMN_STEP = 220 + 12;

/**
 * Keyboard moves jump a whole column per arrow press (dnd-kit's default moves 25 px, ten presses
 * per column); up and down still nudge, for a tall column.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates }) => {
  const { x, y } = currentCoordinates;
  switch (event.code) {
    case KeyboardCode.Right:
      return { x: x + COLUMN_STEP, y };
    case KeyboardCode.Left:
      return { x: x - COLUMN_STEP, y };
    case KeyboardCode.Down:
      return { x, y: y + 25 };
    case KeyboardCode.Up:
      return { x, y: y - 25 };
    default:
      return undefined;
  }
};
