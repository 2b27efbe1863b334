import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** Where `scripts/install-temporal.sh` puts the CLI so that any clone on this machine finds it again. */
export const TEMPORAL_CACHE_BIN = path.join(os.homedir(), '.cache', 'atlas-crm', 'bin', 'temporal');

/** Finds the Temporal CLI: `.tools/bin`, the shared cache, Go's bin folder, then PATH. */
export function findTemporalCli(projectRoot = process.cwd()): string | undefined {
  const candidates = [
    process.env.TEMPORAL_CLI,
    path.join(projectRoot, '.tools', 'bin', 'temporal'),
    TEMPORAL_CACHE_BIN,
    path.join(
      process.env.GOBIN ?? path.join(process.env.GOPATH ?? path.join(os.homedir(), 'go'), 'bin'),
      'temporal',
    ),
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'temporal')),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

export class TemporalCliMissingError extends Error {
  override name = 'TemporalCliMissingError';
  constructor() {
    super(
      `The Temporal CLI was not found (looked in .tools/bin, ${TEMPORAL_CACHE_BIN}, Go's bin folder and PATH).\n` +
        `Install it with: npm run temporal:install  (needs Go: go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION})\n` +
        'or point TEMPORAL_ADDRESS at a running Temporal server.',
    );
  }
}
