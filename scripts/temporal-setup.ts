/**
 * For a Temporal cluster (not the dev server, which registers them at start): registers the custom
 * search attributes ops filter on in the Temporal UI. Idempotent.
 */
import { loadEnv } from '../config/env.js';
import { registerSearchAttributes, SEARCH_ATTRIBUTES } from '../runtime/temporal-admin.js';

const env = loadEnv();
const added = await registerSearchAttributes(
  env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  env.TEMPORAL_NAMESPACE,
);
console.log(
  `search attributes ready: ${SEARCH_ATTRIBUTES.join(', ')}${added.length ? ` (added ${added.join(', ')})` : ''}`,
);
