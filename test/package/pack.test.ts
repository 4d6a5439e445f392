import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The package as a user gets it: `npm pack` (which builds dist/ on prepack), the tarball unpacked
 * into a fresh project's node_modules as npm would, without network (its dependencies linked from
 * this checkout's node_modules), the native kernel built by the install script, the tutorial's
 * claim (examples/soudry2018, shipped in the tarball) copied in, then type-checked, run by vitest
 * with the reporter and by `theorycheck verify --claims`. Both reports must carry the claim with
 * the verdicts the tutorial promises.
 */
const root = resolve('.');
let workspace: string;
let project: string;
let tarball: string;

interface Outcome {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Outcome> {
  // A clean environment: this process is itself a vitest worker.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VITEST') && !k.startsWith('THEORYCHECK_') && k !== 'NODE_OPTIONS' && k !== 'TEST',
    ),
  );
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...clean, THEORYCHECK_CACHE: 'memory', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => done({ code, output }));
  });
}

function claimVerdicts(resultsPath: string): Record<string, [string, boolean]> {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as {
    claims: { id: string; regime: string; verdict: string; asExpected: boolean }[];
  };
  return Object.fromEntries(results.claims.map((c) => [`${c.id} [${c.regime}]`, [c.verdict, c.asExpected]]));
}

const expected = {
  'soudry2018/max-margin-direction [holding-domain]': ['holds', true],
  'soudry2018/max-margin-direction [non-separable data]': ['fails', true],
  'soudry2018/max-margin-direction [square loss]': ['fails', true],
};

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'theorycheck-pack-'));
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', workspace], root);
  expect(packed.code, packed.output).toBe(0);
  tarball = join(
    workspace,
    readdirSync(workspace).find((name) => name.endsWith('.tgz'))!,
  );
  // Installed as npm lays it out, offline: the package under node_modules/theorycheck, its dependencies beside it.
  project = join(workspace, 'project');
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  const unpacked = await run('tar', ['xzf', tarball, '-C', workspace], workspace);
  expect(unpacked.code, unpacked.output).toBe(0);
  cpSync(join(workspace, 'package'), join(project, 'node_modules', 'theorycheck'), { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name.startsWith('.') || name === 'theorycheck') continue;
    symlinkSync(join(root, 'node_modules', name), join(project, 'node_modules', name));
  }
  symlinkSync('../theorycheck/bin/theorycheck.mjs', join(project, 'node_modules', '.bin', 'theorycheck'));
  // The tutorial's project, as docs/writing-a-claim.md builds it.
  cpSync(join(project, 'node_modules', 'theorycheck', 'examples', 'soudry2018'), project, { recursive: true });
}, 180_000);
afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('the packed package', () => {
  test('holds the compiled entries, the addon sources and the tutorial, and no repository-only files', async () => {
    const listing = await run('tar', ['tzf', tarball], workspace);
    const files = new Set(
      listing.output
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/^package\//, '')),
    );
    for (const file of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/vitest.js',
      'dist/vitest.d.ts',
      'dist/cli/main.js',
      'bin/theorycheck.mjs',
      'scripts/build-native.mjs',
      'binding.gyp',
      'src/compute/native/addon.c',
      'src/compute/native/kernels.h',
      'examples/soudry2018/properties/soudry2018/maxMarginDirection.ts',
      'package.json',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(
      [...files].filter(
        (f) => f.startsWith('properties/') || f.startsWith('test/') || f.startsWith('fixtures/') || /^src\/.*\.ts$/.test(f),
      ),
    ).toEqual([]);
  });

  test('its install script builds the native kernel, or says why not and leaves the fallback', async () => {
    const built = await run(process.execPath, ['scripts/build-native.mjs'], join(project, 'node_modules', 'theorycheck'));
    expect(built.code, built.output).toBe(0);
    const build = join(project, 'node_modules', 'theorycheck', 'build');
    expect(
      existsSync(join(build, 'Release', 'theorycheck_native.node')) || existsSync(join(build, 'native-build-failure.txt')),
      built.output,
    ).toBe(true);
  }, 120_000);

  test('imports on plain Node (no tsx) from the package name, both entries', async () => {
    const script =
      "const t = await import('theorycheck'); const v = await import('theorycheck/vitest'); console.log([typeof t.defineClaim, typeof t.grid, typeof t.runClaim, typeof t.stableRank, typeof v.checkClaims, typeof v.TheorycheckReporter].join(' '));";
    const imported = await run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output.trim()).toBe('function function function function function function');
  });

  test("the tutorial's claim type-checks against the shipped .d.ts, the .d.ts themselves included", async () => {
    const checked = await run(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--skipLibCheck', 'false'],
      project,
    );
    expect(checked.code, checked.output).toBe(0);
  }, 120_000);

  test('`vitest run` with the reporter reports the claim with its verdicts', async () => {
    const tested = await run(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], project, {
      THEORYCHECK_PROFILE: 'smoke',
    });
    expect(tested.code, tested.output).toBe(0);
    expect(claimVerdicts(join(project, 'reports', 'results.json'))).toEqual(expected);
    expect(readFileSync(join(project, 'reports', 'index.html'), 'utf8')).toContain('soudry2018/max-margin-direction');
  }, 120_000);

  test('`theorycheck verify --claims` reports the same verdicts, exit 0', async () => {
    const verified = await run(
      process.execPath,
      [
        join(project, 'node_modules', '.bin', 'theorycheck'),
        'verify',
        '--claims',
        'properties/soudry2018/index.ts',
        '--profile',
        'smoke',
        '--out',
        'cli-report',
      ],
      project,
    );
    expect(verified.code, verified.output).toBe(0);
    expect(verified.output).toMatch(/3 as expected, 0 not/);
    expect(claimVerdicts(join(project, 'cli-report', 'results.json'))).toEqual(expected);
  }, 120_000);

  test('`theorycheck init` scaffolds a project whose two example claims pass under vitest', async () => {
    const scaffold = join(workspace, 'scaffold');
    const made = await run(process.execPath, [join(project, 'node_modules', '.bin', 'theorycheck'), 'init', scaffold], workspace);
    expect(made.code, made.output).toBe(0);
    symlinkSync(join(project, 'node_modules'), join(scaffold, 'node_modules'));
    const tested = await run(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], scaffold, {
      THEORYCHECK_PROFILE: 'smoke',
    });
    expect(tested.code, tested.output).toBe(0);
    const verdicts = claimVerdicts(join(scaffold, 'reports', 'results.json'));
    expect(Object.keys(verdicts).sort()).toEqual([
      'example/gd-quadratic-converges [holding-domain]',
      'example/gd-quadratic-converges [step above 2]',
      'example/sample-mean-concentrates [heavy tails]',
      'example/sample-mean-concentrates [holding-domain]',
    ]);
    expect(Object.values(verdicts).every(([, asExpected]) => asExpected)).toBe(true);
  }, 120_000);
});
