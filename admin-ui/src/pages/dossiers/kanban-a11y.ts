import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
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
