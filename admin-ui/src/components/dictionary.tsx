import { useList } from '@refinedev/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DictionaryEntry } from '../studio/dictionary-types';

export type { DictionaryEntry };

/** The entry's label in the UI language (`label` is English; French falls back to it). */
export function entryLabel(entry: DictionaryEntry | undefined, lang: string, fallback = ''): string {
  if (!entry) return fallback;
  if (lang.startsWith('fr')) return entry.labelFr ?? entry.label;
  if (lang.startsWith('ar')) return entry.labelAr ?? entry.label;
  return entry.label;
}

/** Entries that belong to another entity (e.g. the ANNONCE case type and listing statuses). */
const ofOtherEntity = (e: DictionaryEntry, only?: string) =>
  only !== undefined && (e.metadata?.entity ?? 'DOSSIER') !== only;

/**
 * The organisation's effective entries of one dictionary, with a label lookup in the UI language.
 * `entity: 'DOSSIER'` keeps CASE_TYPE/CASE_STATUS entries of listings (`metadata.entity = 'ANNONCE'`)
 * out of `entries`/`options` (labels still resolve every code).
 * Every call shares one query of all active dictionaries (a few hundred small rows): a screen that
 * shows five dictionaries makes one request, and the next screen none until it goes stale; a
 * dictionary edit invalidates it like any list of the resource.
 */
export function useDictionary(dictType: string, opts: { entity?: string } = {}) {
  const { i18n } = useTranslation();
  const { result, query } = useList<DictionaryEntry>({
    resource: 'dictionaries',
    pagination: { mode: 'off' },
    queryOptions: { staleTime: 5 * 60_000 },
  });
  const all = result.data.filter((e) => e.dictType === dictType).sort((a, b) => a.sortOrder - b.sortOrder);
  const byCode = new Map(all.map((e) => [e.code, e]));
  const entries = all.filter((e) => !ofOtherEntity(e, opts.entity));
  const label = (code: string | null | undefined) =>
    code ? entryLabel(byCode.get(code), i18n.language, code) : '';
  const options = entries.map((e) => ({ value: e.code, label: entryLabel(e, i18n.language, e.code) }));
  return { entries, options, label, byCode, isLoading: query.isLoading };
}

/** A dictionary code shown as its label (Arabic labels right-to-left). */
export function DictLabel({
  dictType,
  code,
  tag,
}: {
  dictType: string;
  code?: string | null;
  tag?: boolean;
}) {
  const { label, byCode } = useDictionary(dictType);
  const { i18n } = useTranslation();
  if (!code) return <>—</>;
  const text = label(code);
  const color = byCode.get(code)?.metadata?.color;
  const dir = i18n.language.startsWith('ar') ? 'rtl' : undefined;
  return tag ? (
    <Tag dir={dir} color={typeof color === 'string' ? color : undefined}>
      {text}
    </Tag>
  ) : (
    <span dir={dir}>{text}</span>
  );
}

/** A WON/LOSS reason code in the UI language (the code alone says which dictionary it is from). */
export function ReasonLabel({ code }: { code: string | null | undefined }) {
  const won = useDictionary('WON_REASON');
  const lost = useDictionary('LOSS_REASON');
  if (!code) return <>—</>;
  return <>{lost.byCode.has(code) ? lost.label(code) : won.label(code)}</>;
}
