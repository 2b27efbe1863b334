import { guardFactsSchema } from './guard-facts.schema.js';

/** A loose view of the schema nodes we walk (the const's literal types are too precise to index). */
interface SchemaNode {
  type?: string | readonly string[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
}

const ROOT = guardFactsSchema as unknown as SchemaNode;

function isFree(node: SchemaNode): boolean {
  return node.type === undefined && node.properties === undefined && node.items === undefined;
}

function child(node: SchemaNode, key: string): SchemaNode | 'free' | undefined {
  if (node.type === 'array') {
    // json-logic reads arrays by index ("parties.BUYER.0") and their length ("parties.BUYER.length").
    if (/^\d+$/.test(key)) return node.items;
    return key === 'length' ? { type: 'integer' } : undefined;
  }
  const named = node.properties?.[key];
  if (named) return named;
  for (const [pattern, schema] of Object.entries(node.patternProperties ?? {})) {
    if (new RegExp(pattern).test(key)) return schema;
  }
  const extra = node.additionalProperties;
  if (typeof extra === 'object') return isFree(extra) ? 'free' : extra;
  return undefined;
}

/**
 * Is `path` (json-logic dotted var path) something guard-facts.schema documents? Free-form parts
 * (dossier.criteria.*) accept any key below them; upper-case maps accept any upper-case key.
 */
export function isDocumentedFactPath(path: string): boolean {
  if (path === '') return false;
  let node: SchemaNode | undefined = ROOT;
  for (const key of path.split('.')) {
    const next: SchemaNode | 'free' | undefined = child(node, key);
    if (next === 'free') return true;
    if (!next) return false;
    node = next;
  }
  return true;
}

/** A transition's requiredFields name dossier fields: "amount", "criteria.rooms". */
export function isDocumentedDossierField(field: string): boolean {
  return isDocumentedFactPath(`dossier.${field}`);
}
