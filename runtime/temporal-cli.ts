import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
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
        'Go is not installed either, so npm start cannot build it. Any one of these gets you going:\n' +
        `  1. install Go (https://go.dev/dl) and run npm start again: it builds the CLI (go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION})\n` +
        '  2. install the Temporal CLI yourself (https://docs.temporal.io/cli) and put it on PATH (or set TEMPORAL_CLI)\n' +
        '  3. set TEMPORAL_ADDRESS to a running Temporal server',
    );
  }
}

/** Go's binary: on PATH, or where the official tarball and Debian's golang-go put it. */
export function findGo(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'go')),
    '/usr/local/go/bin/go',
    '/usr/lib/go/bin/go',
  ];
  return candidates.find((c) => !!c && existsSync(c));
}

/**
 * The Temporal CLI, built on first use when it is missing and Go is present: `go install` of the
 * pinned version into the per-user cache (every clone of this machine reuses it) and a link in the
 * project's `.tools/bin`. Go's own output shows the downloads; a line every 20 s says it is still
 * compiling. Without Go, the error names the three ways out.
 */
export async function ensureTemporalCli(
  log: (line: string) => void = (l) => console.log(`[atlas] ${l}`),
  projectRoot = process.cwd(),
): Promise<string> {
  const found = findTemporalCli(projectRoot);
  if (found) return found;
  const go = findGo();
  if (!go) throw new TemporalCliMissingError();
  log(
    `the Temporal CLI is missing: building it with go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION} ` +
      `into ${path.dirname(TEMPORAL_CACHE_BIN)} (3–4 minutes the first time on a machine, then reused by every clone)`,
  );
  mkdirSync(path.dirname(TEMPORAL_CACHE_BIN), { recursive: true });
  const started = Date.now();
  const ticker = setInterval(
    () => log(`still building the Temporal CLI… ${Math.round((Date.now() - started) / 1000)} s`),
    20_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
        env: { ...process.env, GOBIN: path.dirname(TEMPORAL_CACHE_BIN) },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`go install of the Temporal CLI failed (exit ${code})`)),
      );
    });
  } finally {
    clearInterval(ticker);
  }
  const link = path.join(projectRoot, '.tools', 'bin', 'temporal');
  mkdirSync(path.dirname(link), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(TEMPORAL_CACHE_BIN, link);
  log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${TEMPORAL_CACHE_BIN}`);
  return TEMPORAL_CACHE_BIN;
}
