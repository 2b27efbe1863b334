import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { envJsonSchema } from '../../config/env.js';
import { DYNAMIC_CONFIG, TEMPORAL_SERVER_VERSION } from '../../runtime/temporal-pg-server.js';

/**
 * Static checks of the deployment files (no Docker engine needed): docker-compose.yml, Dockerfile
 * and .dockerignore must stay consistent with package.json scripts, the env schema and the tree.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const composePath = path.join(root, 'docker-compose.yml');

type BuildSpec = string | { context?: string; dockerfile?: string; target?: string };
type DependsOn = string[] | Record<string, { condition?: string }>;
interface Service {
  image?: string;
  build?: BuildSpec;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: DependsOn;
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  ports?: (string | number | { target?: number })[];
  volumes?: (string | { type?: string; source?: string })[];
  configs?: (string | { source: string })[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, unknown>;
}

const REQUIRED_SERVICES = [
  'postgres',
  'prometheus',
  'temporal-admin-tools',
  'temporal',
  'temporal-ui',
  'migrate',
  'api',
  'worker',
];
const ATLAS_SERVICES = ['api', 'worker', 'migrate'];
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

function loadCompose(): { compose: Compose; errors: string[] } {
  const doc = parseDocument(readFileSync(composePath, 'utf8'), { merge: true });
  const errors = [...doc.errors, ...doc.warnings].map((e) => e.message);
  return { compose: doc.toJS() as Compose, errors };
}

const { compose, errors: yamlErrors } = loadCompose();
const services = compose.services ?? {};
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

function service(name: string): Service {
  const s = services[name];
  if (!s) throw new Error(`service ${name} is missing from docker-compose.yml`);
  return s;
}

function words(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(' ') : value;
}

function envNames(env: Service['environment']): string[] {
  if (!env) return [];
  if (Array.isArray(env)) return env.map((entry) => entry.split('=')[0] ?? entry);
  return Object.keys(env);
}

function envValue(s: Service, name: string): string | undefined {
  const env = s.environment;
  if (!env) return undefined;
  if (Array.isArray(env)) {
    const hit = env.find((e) => e.startsWith(`${name}=`));
    return hit?.slice(name.length + 1);
  }
  const v = env[name];
  return v === undefined || v === null ? undefined : String(v);
}

function dependencies(s: Service): [string, string][] {
  const d = s.depends_on;
  if (!d) return [];
  if (Array.isArray(d)) return d.map((n) => [n, 'service_started']);
  return Object.entries(d).map(([n, v]) => [n, v?.condition ?? 'service_started']);
}

/** Script names run through npm (`npm run x`, `npm run-script x`, `npm start`/`npm test`). */
function npmScripts(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\bnpm\s+(?:run|run-script)\s+([^\s;&|'"`)]+)/g)) names.push(m[1]!);
  for (const m of text.matchAll(/\bnpm\s+(start|test|stop|restart)\b/g)) names.push(m[1]!);
  return names;
}

function buildOf(s: Service): { context: string; dockerfile: string; target?: string } | undefined {
  if (s.build === undefined) return undefined;
  const spec = typeof s.build === 'string' ? { context: s.build } : s.build;
  const context = path.resolve(path.dirname(composePath), spec.context ?? '.');
  return { context, dockerfile: path.resolve(context, spec.dockerfile ?? 'Dockerfile'), target: spec.target };
}

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments removed. */
function parseDockerfile(file: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current.trim()) logical.push(current);
  return logical.map((l) => {
    const [keyword = '', ...rest] = l.split(/\s+/);
    let args = rest.join(' ');
    if (args.startsWith('[')) {
      // exec form: ["npm", "run", "api"] -> npm run api
      try {
        args = (JSON.parse(args) as string[]).join(' ');
      } catch {
        // not JSON: keep the shell form as written
      }
    }
    return { keyword: keyword.toUpperCase(), args };
  });
}

function fromStages(instructions: Instruction[]): { image: string; name?: string }[] {
  return instructions
    .filter((i) => i.keyword === 'FROM')
    .map((i) => {
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const asIndex = parts.findIndex((p) => p.toLowerCase() === 'as');
      return { image: parts[0] ?? '', name: asIndex >= 0 ? parts[asIndex + 1] : undefined };
    });
}

function dockerignorePatterns(context: string): string[] {
  const file = path.join(context, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .map((l) =>
      l
        .replace(/^\/+/, '')
        .replace(/^\*\*\//, '')
        .replace(/\/+$/, ''),
    );
}

function isIgnored(source: string, patterns: string[]): boolean {
  const s = path.posix.normalize(source).replace(/^\.\//, '').replace(/\/+$/, '');
  return patterns.some((p) => !/[*?[]/.test(p) && (s === p || s.startsWith(`${p}/`)));
}

const builtServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const dockerfiles = [
  ...new Set([path.join(root, 'Dockerfile'), ...builtServices.map(([, s]) => buildOf(s)!.dockerfile)]),
].filter((f) => existsSync(f));

describe('docker-compose.yml', () => {
  it('parses as YAML without errors or warnings', () => {
    expect(yamlErrors).toEqual([]);
    expect(typeof services).toBe('object');
  });

  it('defines the required services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(REQUIRED_SERVICES));
  });

  it('has Prometheus scrape the API and the worker on the ports they serve metrics on', () => {
    const configs = (compose as { configs?: Record<string, { content?: string }> }).configs ?? {};
    const config = String(configs['prometheus-config']?.content);
    expect(config).toContain("targets: ['api:3000']");
    expect(config).toContain("targets: ['worker:9464']");
    const workerEnv = (service('worker') as { environment?: Record<string, string> }).environment ?? {};
    expect(workerEnv.WORKER_METRICS_ADDRESS).toBe('0.0.0.0:9464');
  });

  it('pins every image to a release, and runs the same Temporal as temporal:server and the dev server', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) continue; // Atlas's own image, built from this tree
      const image = (s.image ?? '').replace(/\$\{[A-Z_]+:-([^}]+)\}/g, '$1');
      const tag = image.split(':')[1] ?? '';
      // A release tag: x.y.z, vX.Y.Z or MinIO's RELEASE.<date>; never latest, never a bare major.
      expect(tag, `service ${name} (${s.image})`).toMatch(/^(v?\d+\.\d+(\.\d+)?|RELEASE\.[\dT:-]+Z)$/);
    }
    const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
    expect(service('temporal').image).toContain(`:-${version}}`);
    expect(service('temporal-admin-tools').image).toContain(`:-${version}}`);
    expect(service('temporal-namespace').image).toContain(`:-${version}}`);
  });

  it('mounts the dynamic config temporal:server runs with', () => {
    const configs = compose.configs as Record<string, { file?: string }>;
    expect(configs['temporal-dynamic-config']?.file).toBe('./config/temporal/dynamicconfig.yaml');
    expect(existsSync(path.join(root, 'config/temporal/dynamicconfig.yaml'))).toBe(true);
    const temporalEnv = service('temporal').environment as Record<string, string>;
    expect(temporalEnv.DYNAMIC_CONFIG_FILE_PATH).toBe('/etc/temporal/config/dynamicconfig/atlas.yaml');
    expect(readFileSync(DYNAMIC_CONFIG, 'utf8')).toMatch(
      /system\.enableActivityEagerExecution:\n\s+- value: true/,
    );
  });

  it('never uses the deprecated temporalio/auto-setup image', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.image ?? '', `service ${name}`).not.toMatch(/(^|\/)temporalio\/auto-setup(:|@|$)/);
    }
    expect(service('temporal').image).toMatch(/^temporalio\/server(:|$)/);
    expect(service('temporal-admin-tools').image).toMatch(/^temporalio\/admin-tools(:|$)/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui(:|$)/);
  });

  it('sets up and updates both Temporal schemas with temporal-sql-tool (postgres12)', () => {
    const admin = service('temporal-admin-tools');
    const script = `${words(admin.entrypoint)} ${words(admin.command)}`;
    for (const db of ['temporal', 'temporal_visibility']) {
      for (const step of ['setup-schema', 'update-schema']) {
        expect(script, `${step} for ${db}`).toMatch(
          new RegExp(`temporal-sql-tool[^\\n]*--db\\s+"?${db}"?\\s+${step}`),
        );
      }
    }
    expect(envValue(admin, 'SQL_PLUGIN')).toBe('postgres12');
    expect(envValue(service('temporal'), 'DB')).toBe('postgres12');
  });

  it('points every build at an existing context, Dockerfile and stage', () => {
    expect(builtServices.map(([n]) => n)).toEqual(expect.arrayContaining(ATLAS_SERVICES));
    for (const [name, s] of builtServices) {
      const b = buildOf(s)!;
      expect(
        existsSync(b.context) && statSync(b.context).isDirectory(),
        `${name}: context ${b.context}`,
      ).toBe(true);
      expect(existsSync(b.dockerfile), `${name}: dockerfile ${b.dockerfile}`).toBe(true);
      if (b.target) {
        const stages = fromStages(parseDockerfile(b.dockerfile)).map((st) => st.name);
        expect(stages, `${name}: build target`).toContain(b.target);
      }
    }
  });

  it('only runs npm scripts that exist in package.json', () => {
    const used: [string, string][] = [];
    for (const [name, s] of Object.entries(services)) {
      for (const script of npmScripts(`${words(s.entrypoint)}\n${words(s.command)}`))
        used.push([name, script]);
    }
    for (const file of dockerfiles) {
      for (const i of parseDockerfile(file)) {
        for (const script of npmScripts(i.args)) used.push([path.basename(file), script]);
      }
    }
    expect(used.length).toBeGreaterThan(0);
    for (const [where, script] of used) {
      expect(Object.keys(packageJson.scripts), `npm run ${script} (in ${where})`).toContain(script);
    }
    expect(npmScripts(words(service('api').command))).toContain('api');
    expect(npmScripts(words(service('worker').command))).toContain('worker');
    expect(npmScripts(words(service('migrate').command))).toEqual(
      expect.arrayContaining(['migrate', 'temporal:setup']),
    );
  });

  it('passes api, worker and migrate only env variables declared in config/env.ts', () => {
    const known = Object.keys(envJsonSchema.properties);
    for (const name of ATLAS_SERVICES) {
      const names = envNames(service(name).environment);
      expect(names.length, `${name} has an environment`).toBeGreaterThan(0);
      for (const env of names) expect(known, `${name}: ${env}`).toContain(env);
    }
  });

  it('runs the Atlas services in production with required (not hard-coded) secrets', () => {
    for (const name of ATLAS_SERVICES) {
      const s = service(name);
      expect(envValue(s, 'NODE_ENV'), name).toBe('production');
      expect(envValue(s, 'TEMPORAL_ADDRESS'), name).toBeTruthy();
      expect(envValue(s, 'DATABASE_URL') ?? envValue(s, 'DATABASE_APP_URL'), name).toBeTruthy();
      for (const secret of ['JWT_SECRET', 'APP_DB_PASSWORD']) {
        expect(envValue(s, secret), `${name}: ${secret}`).toMatch(new RegExp(`^\\$\\{${secret}:\\?.+\\}$`));
      }
    }
    expect(envValue(service('api'), 'HOST')).toBe('0.0.0.0');
    const port = envValue(service('api'), 'PORT') ?? '3000';
    expect(
      service('api')
        .ports?.map(String)
        .some((p) => p.endsWith(`:${port}`)),
    ).toBe(true);
  });

  it('escapes shell variables ($$) so compose only interpolates ${NAME} forms', () => {
    const offenders: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (typeof value === 'string') {
        const bare = value.replaceAll('$$', '');
        if (/\$(?!\{[A-Za-z_][A-Za-z0-9_]*(?:[:?\-+}]))/.test(bare)) offenders.push(`${where}: ${value}`);
      } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
      }
    };
    walk(compose, 'compose');
    expect(offenders).toEqual([]);
  });

  it('has depends_on entries that reference existing services with valid, satisfiable conditions', () => {
    const imageHasHealthcheck = (s: Service): boolean => {
      const b = buildOf(s);
      return (
        !!b &&
        existsSync(b.dockerfile) &&
        parseDockerfile(b.dockerfile).some((i) => i.keyword === 'HEALTHCHECK')
      );
    };
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, condition] of dependencies(s)) {
        const target = services[dep];
        expect(target, `${name} depends on unknown service ${dep}`).toBeDefined();
        expect(CONDITIONS.has(condition), `${name} -> ${dep}: ${condition}`).toBe(true);
        if (!target) continue;
        if (condition === 'service_healthy') {
          const hc = target.healthcheck;
          const healthy = hc?.disable ? false : hc?.test !== undefined || imageHasHealthcheck(target);
          expect(healthy, `${dep} needs a healthcheck for ${name}`).toBe(true);
        }
        if (condition === 'service_completed_successfully') {
          expect([undefined, 'no'], `${dep} must be a one-shot job for ${name}`).toContain(target.restart);
        }
      }
    }
    const waitsOnMigrate = (n: string) =>
      dependencies(service(n)).some(([d, c]) => d === 'migrate' && c === 'service_completed_successfully');
    expect(waitsOnMigrate('api') && waitsOnMigrate('worker')).toBe(true);
    expect(dependencies(service('temporal'))).toContainEqual([
      'temporal-admin-tools',
      'service_completed_successfully',
    ]);
  });

  it('has no dependency cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (n: string, trail: string[]): void => {
      if (state.get(n) === 'done') return;
      if (state.get(n) === 'visiting') throw new Error(`cycle: ${[...trail, n].join(' -> ')}`);
      state.set(n, 'visiting');
      for (const [d] of dependencies(services[n] ?? {})) visit(d, [...trail, n]);
      state.set(n, 'done');
    };
    expect(() => Object.keys(services).forEach((n) => visit(n, []))).not.toThrow();
  });

  it('declares the named volumes and configs it uses, with a named volume for postgres data', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const v of s.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0]! : (v.source ?? '');
        const isNamed =
          source !== '' && !/^[./~$]/.test(source) && (typeof v === 'string' || v.type !== 'bind');
        if (isNamed)
          expect(Object.keys(compose.volumes ?? {}), `${name}: volume ${source}`).toContain(source);
      }
      for (const c of s.configs ?? []) {
        const source = typeof c === 'string' ? c : c.source;
        expect(Object.keys(compose.configs ?? {}), `${name}: config ${source}`).toContain(source);
      }
    }
    const pgVolumes = (service('postgres').volumes ?? []).map((v) =>
      typeof v === 'string' ? v : `${v.source}:`,
    );
    expect(pgVolumes.some((v) => /^[A-Za-z0-9][\w.-]*:\/var\/lib\/postgresql\/data/.test(v))).toBe(true);
    expect(service('postgres').healthcheck?.test).toEqual(
      expect.arrayContaining([expect.stringMatching(/pg_isready/)]),
    );
  });
});

describe('Dockerfile', () => {
  const dockerfile = path.join(root, 'Dockerfile');
  const instructions = existsSync(dockerfile) ? parseDockerfile(dockerfile) : [];

  it('is a multi-stage build on node:20-bookworm-slim', () => {
    const stages = fromStages(instructions);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.at(-1)?.image).toBe('node:20-bookworm-slim');
    expect(instructions.some((i) => i.keyword === 'RUN' && /npm ci\b.*--ignore-scripts/.test(i.args))).toBe(
      true,
    );
  });

  it('runs the final stage as a non-root user', () => {
    const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
    const users = instructions.slice(lastFrom).filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0]!.trim();
    expect(['root', '0', '']).not.toContain(user);
  });

  it('exposes the API port with a /health healthcheck and production defaults', () => {
    expect(instructions.some((i) => i.keyword === 'EXPOSE' && /\b3000\b/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.keyword === 'HEALTHCHECK' && i.args.includes('/health'))).toBe(true);
    expect(instructions.some((i) => i.keyword === 'ENV' && /NODE_ENV=production/.test(i.args))).toBe(true);
    expect(npmScripts(instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? '')).toEqual(['api']);
  });

  it('only COPYs sources that exist in the build context and are not .dockerignored', () => {
    const ignored = dockerignorePatterns(root);
    const stageNames = new Set<string>();
    let checked = 0;
    for (const i of instructions) {
      if (i.keyword === 'FROM') {
        const name = fromStages([i])[0]?.name;
        if (name) stageNames.add(name);
        continue;
      }
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
      const flags = i.args.split(/\s+/).filter((p) => p.startsWith('--'));
      const parts = i.args.split(/\s+/).filter((p) => p && !p.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      const sources = parts.slice(0, -1);
      expect(sources.length, `COPY ${i.args}`).toBeGreaterThan(0);
      if (from) {
        expect(stageNames.has(from), `COPY --from=${from} refers to an earlier stage`).toBe(true);
        continue;
      }
      for (const src of sources) {
        expect(existsSync(path.join(root, src)), `COPY source ${src} exists`).toBe(true);
        expect(isIgnored(src, ignored), `COPY source ${src} is excluded by .dockerignore`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    for (const essential of ['package.json', 'package-lock.json', 'config/env.ts']) {
      expect(isIgnored(essential, ignored), `${essential} must reach the build context`).toBe(false);
    }
  });
});
