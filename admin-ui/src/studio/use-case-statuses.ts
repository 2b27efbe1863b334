import { useList } from '@refinedev/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { entryLabel, type DictionaryEntry } from './dictionary-types';

/** A dictionary's codes (inactive ones included: old rows keep them) with labels in the UI language. */
export function useDictionaryOptions(dictType: string) {
  const { i18n } = useTranslation();
  const { result } = useList<DictionaryEntry>({
    resource: 'dictionaries',
    pagination: { mode: 'off' },
    filters: [
      { field: 'dictType', operator: 'eq', value: dictType },
      { field: 'includeInactive', operator: 'eq', value: 'true' },
    ],
  });
  return useMemo(() => {
    const labels: Record<string, string> = {};
    for (const e of result.data) labels[e.code] = entryLabel(e, i18n.language);
    const options = result.data.map((e) => ({
      value: e.code,
      label: `${e.code} — ${entryLabel(e, i18n.language)}${e.isActive ? '' : ' (inactive)'}`,
    }));
    return { labels, options };
  }, [result.data, i18n.language]);
}

/** CASE_STATUS codes and labels, for states. */
export const useCaseStatuses = () => useDictionaryOptions('CASE_STATUS');
