/**
 * For a Temporal cluster (not the dev server, which registers them at start): registers the custom
 * search attributes ops filter on in the Temporal UI. Idempotent.
 */
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;
import { loadEnv } from '../config/env.js';
import { SEARCH_ATTRIBUTES } from '../runtime/temporal-server.js';

const env = loadEnv();
const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
const existing = await connection.operatorService.listSearchAttributes({ namespace: env.TEMPORAL_NAMESPACE });
const missing = SEARCH_ATTRIBUTES.filter((name) => !(name in (existing.customAttributes ?? {})));
if (missing.length) {
  await connection.operatorService.addSearchAttributes({
    namespace: env.TEMPORAL_NAMESPACE,
    searchAttributes: Object.fromEntries(
      missing.map((n) => [n, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
}
console.log(
  `search attributes ready: ${SEARCH_ATTRIBUTES.join(', ')}${missing.length ? ` (added ${missing.join(', ')})` : ''}`,
);
await connection.close();
