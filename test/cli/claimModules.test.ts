import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCliInProcess } from '../helpers/cliInProcess.ts';
import { defineClaim } from '../../src/claims/claim.ts';
import { defineStudy } from '../../src/claims/study.ts';
import { grid } from '../../src/parameters/parameter.ts';
import { readEnvironment } from '../../src/config/environment.ts';

/** User claims through the CLI: --claims modules, theorycheck.config, init, and every way they can be wrong. */
const fixtures = 'test/cli/fixtures/claimModules';
const temp = (label: string) => mkdtempSync(join(tmpdir(), `theorycheck-${label}-`));
const env = () => ({ THEORYCHECK_CACHE: 'memory', THEORYCHECK_CORPUS: 'write', THEORYCHECK_CORPUS_DIR: temp('corpus') });

async function inDirectory<T>(directory: string, body: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(directory);
  try {
    return await body();
  } finally {
    process.chdir(previous);
  }
}

describe('--claims modules', () => {
  test('verify runs the claims a module exports, with the same report and corpus, and reproduce and corpus find them', async () => {
    const out = temp('claims-out');
    const environment = env();
    const verified = await runCliInProcess(['verify', '--claims', `${fixtures}/good.ts`, '--profile', 'smoke', '--out', out], {
      env: environment,
    });
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/ok {3}fixture\/square-non-negative \[holding-domain\] holds/);
    expect(verified.stdout).toMatch(/ok {3}fixture\/square-non-negative \[negative sign\] fails/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.claims.map((c: { id: string; regime: string }) => `${c.id} [${c.regime}]`)).toEqual([
      'fixture/square-non-negative [holding-domain]',
      'fixture/square-non-negative [negative sign]',
    ]);
    // The failure regime's counterexample went to the corpus directory, and `corpus` replays it exactly.
    expect(readdirSync(join(environment.THEORYCHECK_CORPUS_DIR, 'fixture', 'square-non-negative')).length).toBe(1);
    const corpus = await runCliInProcess(['corpus', '--claims', `${fixtures}/good.ts`], { env: environment });
    expect(corpus.code, corpus.stdout + corpus.stderr).toBe(0);
    expect(corpus.stdout).toMatch(/^exact .*\[negative sign\]/m);
    const reproduced = await runCliInProcess(
      ['reproduce', 'fixture/square-non-negative', '--claims', `${fixtures}/good.ts`, '--params', '{"x":2,"sign":-1,"seed":1}'],
      { env: environment },
    );
    expect(reproduced.code).toBe(1);
    expect(reproduced.stdout).toMatch(/fixture\/square-non-negative on float64 .*: fail/);
  });

  test('explore maps a user claim', async () => {
    const out = temp('claims-explore');
    const explored = await runCliInProcess(
      [
        'explore',
        'fixture/square-non-negative',
        '--claims',
        `${fixtures}/good.ts`,
        '--x',
        'x=1,-2,3',
        '--y',
        'sign=1,-1',
        '--profile',
        'smoke',
        '--target',
        '0',
        '--out',
        out,
      ],
      { env: env() },
    );
    expect(explored.code, explored.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.maps[0].claimId).toBe('fixture/square-non-negative');
    expect(results.maps[0].cells.filter((c: { passRate: number }) => c.passRate === 0).map((c: { y: number }) => c.y)).toEqual([
      -1, -1, -1,
    ]);
  });

  test('a module may export studies and arrays; verify runs both', async () => {
    const out = temp('claims-study');
    const verified = await runCliInProcess(['verify', '--claims', `${fixtures}/study.ts`, '--profile', 'smoke', '--out', out], {
      env: env(),
    });
    expect(verified.code, verified.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.claims).toHaveLength(2);
    expect(results.experiments.map((e: { id: string }) => e.id)).toEqual(['fixture/tiny']);
  });

  const bad: [string, string[], RegExp][] = [
    ['does not exist', [`${fixtures}/nope.ts`], /^theorycheck: claims module test\/cli\/fixtures\/claimModules\/nope\.ts: not found/],
    [
      'exports no claim',
      [`${fixtures}/none.ts`],
      /^theorycheck: claims module test\/cli\/fixtures\/claimModules\/none\.ts: exports no claim or study/,
    ],
    [
      'throws on import',
      [`${fixtures}/throws.ts`],
      /^theorycheck: claims module test\/cli\/fixtures\/claimModules\/throws\.ts: threw on import: cannot load the dataset/,
    ],
    [
      'exports two claims with one id',
      [`${fixtures}/duplicate.ts`],
      /^theorycheck: claims module test\/cli\/fixtures\/claimModules\/duplicate\.ts: duplicate claim id "fixture\/square-non-negative"/,
    ],
    [
      'repeats an id of an earlier module',
      [`${fixtures}/good.ts`, `${fixtures}/duplicate.ts`],
      /duplicate\.ts: duplicate claim id "fixture\/square-non-negative"/,
    ],
    [
      'defines a claim without measure',
      [`${fixtures}/missingField.ts`],
      /missingField\.ts: threw on import: defineClaim: claim "fixture\/broken" is missing "measure"/,
    ],
  ];
  for (const [what, modules, message] of bad) {
    test(`a module that ${what}: one line naming the module and the problem, exit 2`, async () => {
      const out = temp('claims-bad');
      const outcome = await runCliInProcess(['verify', ...modules.flatMap((m) => ['--claims', m]), '--out', out], { env: env() });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toMatch(message);
      expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(out, 'results.json'))).toBe(false);
    });
  }
});

describe('theorycheck.config', () => {
  test('names the modules, the report directory and the profile; flags override it', async () => {
    const project = temp('config');
    writeFileSync(
      join(project, 'theorycheck.config.json'),
      JSON.stringify({ claims: [resolve(fixtures, 'good.ts')], reportDirectory: 'my-reports', profile: 'smoke' }),
    );
    const outcome = await inDirectory(project, () => runCliInProcess(['verify'], { env: env() }));
    expect(outcome.code, outcome.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(project, 'my-reports', 'results.json'), 'utf8'));
    expect(results.provenance.profile).toBe('smoke');
    expect(results.claims[0].id).toBe('fixture/square-non-negative');
    const flagged = await inDirectory(project, () =>
      runCliInProcess(['verify', '--out', 'elsewhere', '--claim', 'fixture/square-non-negative', '--runs', '2'], { env: env() }),
    );
    expect(flagged.code, flagged.stderr).toBe(0);
    expect(existsSync(join(project, 'elsewhere', 'results.json'))).toBe(true);
  });

  test('a bad field is one line naming the file and the field, exit 2', async () => {
    const project = temp('config-bad');
    writeFileSync(join(project, 'theorycheck.config.json'), JSON.stringify({ claims: ['x.ts'], profile: 'fast' }));
    const outcome = await inDirectory(project, () => runCliInProcess(['verify'], { env: env() }));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^theorycheck: config theorycheck\.config\.json: field profile: /);
    writeFileSync(join(project, 'theorycheck.config.json'), '{ "claims": [');
    const broken = await inDirectory(project, () => runCliInProcess(['verify'], { env: env() }));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^theorycheck: config theorycheck\.config\.json: not valid JSON/);
  });
});

describe('init', () => {
  test('scaffolds an empty directory; refuses a non-empty one unless --force', async () => {
    const target = join(temp('init'), 'my-claims');
    const made = await runCliInProcess(['init', target]);
    expect(made.code, made.stderr).toBe(0);
    for (const file of [
      'package.json',
      'vitest.config.ts',
      'README.md',
      'properties/example/index.ts',
      'properties/example/example.test.ts',
    ])
      expect(existsSync(join(target, file)), file).toBe(true);
    const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['fast-check', 'theorycheck', 'vitest']);
    expect(readFileSync(join(target, 'vitest.config.ts'), 'utf8')).toMatch(/TheorycheckReporter/);
    const refused = await runCliInProcess(['init', target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `theorycheck: init: directory ${target} is not empty (use --force to write the scaffold into it)`,
    ]);
    const forced = await runCliInProcess(['init', target, '--force']);
    expect(forced.code).toBe(0);
  });

  test("the scaffold's claims run: the deterministic and the stochastic one, each with its failure regime, as expected", async () => {
    const target = join(temp('init-run'), 'p');
    expect((await runCliInProcess(['init', target])).code).toBe(0);
    const out = temp('init-out');
    const verified = await runCliInProcess(
      ['verify', '--claims', join(target, 'properties', 'example', 'index.ts'), '--profile', 'smoke', '--out', out],
      { env: env() },
    );
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.claims.map((c: { id: string; regime: string; verdict: string }) => `${c.id} [${c.regime}] ${c.verdict}`).sort()).toEqual(
      [
        'example/gd-quadratic-converges [holding-domain] holds',
        'example/gd-quadratic-converges [step above 2] fails',
        'example/sample-mean-concentrates [holding-domain] holds',
        'example/sample-mean-concentrates [heavy tails] fails',
      ].sort(),
    );
    expect(results.claims.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'deterministic',
      'deterministic',
      'stochastic',
      'stochastic',
    ]);
  });
});

describe('defining claims and studies', () => {
  const complete = {
    id: 'x/y',
    paper: { id: 'x', arxiv: '', title: '', authors: '' },
    title: '',
    statement: '',
    provenance: { kind: 'derived', source: '' },
    conditions: [],
    domain: { a: grid([1]) },
    passCondition: '',
    kind: 'deterministic',
    failureRegimes: [],
    measure: () => ({}),
    holds: () => ({ pass: true, margin: 1 }),
  };
  for (const field of ['id', 'domain', 'measure', 'holds'] as const) {
    test(`defineClaim rejects a claim without ${field}, naming the field`, () => {
      const { [field]: _, ...rest } = complete;
      expect(() => defineClaim(rest as never)).toThrow(new RegExp(`missing "${field}"`));
    });
  }
  test('defineClaim accepts a complete claim and rejects a stochastic threshold outside (0, 1]', () => {
    expect(defineClaim(complete as never)).toBe(complete);
    expect(() => defineClaim({ ...complete, kind: 'stochastic', threshold: 1.5 } as never)).toThrow(/bad "threshold"/);
  });
  test('defineStudy rejects a study without run', () => {
    expect(() => defineStudy({ id: 's', title: 't', profiles: ['ci'] } as never)).toThrow(/study "s" is missing "run"/);
  });
});

describe('the THEORYCHECK_* environment', () => {
  test('is read in one place, with defaults', () => {
    const e = readEnvironment({}, '/p');
    expect(e).toMatchObject({
      profile: 'ci',
      seed: 42,
      backend: 'fast',
      corpus: 'write',
      corpusDirectory: '/p/fixtures/counterexamples',
      cache: 'disk',
      native: true,
      reportDirectory: 'reports',
    });
    expect(readEnvironment({ THEORYCHECK_THREADS: '3', THEORYCHECK_NO_NATIVE: '1', THEORYCHECK_CORPUS: 'read' }).threads).toBe(3);
  });
  for (const [name, value] of [
    ['THEORYCHECK_CACHE', 'sometimes'],
    ['THEORYCHECK_PROFILE', 'huge'],
    ['THEORYCHECK_SEED', '-1'],
    ['THEORYCHECK_THREADS', '0'],
    ['THEORYCHECK_CORPUS', 'yes'],
    ['THEORYCHECK_BACKEND', 'cuda'],
  ] as const) {
    test(`a bad ${name} is one line naming it, exit 2`, async () => {
      const outcome = await runCliInProcess(['verify', '--claims', `${fixtures}/good.ts`, '--out', temp('env-bad')], {
        env: { [name]: value },
      });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
      expect(outcome.stderr).toMatch(new RegExp(`^theorycheck: invalid ${name}: `));
    });
  }
});
