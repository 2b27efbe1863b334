import { DICTIONARY_DEFAULTS } from '../definitions/dictionary-defaults.js';
import type { Em } from './orm.js';

export interface DictionaryEntryView {
  id: string;
  dictType: string;
  code: string;
  label: string;
  labelFr: string | null;
  labelAr: string | null;
  sortOrder: number;
  isActive: boolean;
  metadata: Record<string, unknown>;
  scope: 'GLOBAL' | 'TENANT';
  version: number;
}

interface Row {
  id: string;
  dict_type: string;
  code: string;
  label: string;
  label_fr: string | null;
  label_ar: string | null;
  sort_order: number;
  is_active: boolean;
  metadata_json: Record<string, unknown> | null;
  org_id: string | null;
  version: number;
}

export function toEntryView(r: Row): DictionaryEntryView {
  return {
    id: r.id,
    dictType: r.dict_type,
    code: r.code,
    label: r.label,
    labelFr: r.label_fr,
    labelAr: r.label_ar,
    sortOrder: r.sort_order,
    isActive: r.is_active,
    metadata: r.metadata_json ?? {},
    scope: r.org_id ? 'TENANT' : 'GLOBAL',
    version: r.version,
  };
}

/**
 * The tenant's effective view of a dictionary: its own rows override the global defaults with the
 * same code (RLS shows exactly those two scopes).
 */
export async function effectiveDictionary(
  em: Em,
  /** One type, several, or every type when undefined. */
  dictType: string | readonly string[] | undefined,
  opts: { includeInactive?: boolean } = {},
): Promise<DictionaryEntryView[]> {
  // One text parameter (the driver would spread an array into a list); type names hold no comma.
  const types = dictType === undefined ? null : typeof dictType === 'string' ? dictType : dictType.join(',');
  const rows = await em.execute<Row[]>(
    `select * from (
       select distinct on (dict_type, code) * from ref_dictionary
        where (?::text is null or dict_type = any(string_to_array(?::text, ',')))
        order by dict_type, code, (org_id is null)
     ) effective
     where ? or is_active
     order by dict_type, sort_order, code`,
    [types, types, opts.includeInactive ?? false],
  );
  return rows.map(toEntryView);
}

export async function activeCodes(em: Em, dictType: string): Promise<Set<string>> {
  return new Set((await effectiveDictionary(em, dictType)).map((e) => e.code));
}

/** Upserts the global defaults shipped in definitions/ (owner connection, at migrate time). */
export async function syncGlobalDictionary(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
): Promise<void> {
  for (const d of DICTIONARY_DEFAULTS) {
    await query(
      `insert into ref_dictionary (id, org_id, dict_type, code, label, label_fr, label_ar, sort_order, is_active, metadata_json, version, created_at, updated_at)
       values (gen_random_uuid(), null, $1, $2, $3, $4, $5, $6, true, $7, 1, now(), now())
       on conflict (dict_type, code, coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid))
       do update set label = excluded.label, label_fr = excluded.label_fr, label_ar = excluded.label_ar,
         sort_order = excluded.sort_order, metadata_json = excluded.metadata_json, updated_at = now()
       where (ref_dictionary.label, ref_dictionary.label_fr, ref_dictionary.label_ar, ref_dictionary.sort_order, ref_dictionary.metadata_json)
         is distinct from (excluded.label, excluded.label_fr, excluded.label_ar, excluded.sort_order, excluded.metadata_json)`,
      [
        d.dictType,
        d.code,
        d.label,
        d.labelFr,
        d.labelAr,
        d.sortOrder,
        d.metadata ? JSON.stringify(d.metadata) : null,
      ],
    );
  }
}
