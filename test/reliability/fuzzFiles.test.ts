import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { repositoryRoot } from '../../src/cache/engineVersion.ts';
import { encodeNpy, writeNpy } from '../../src/io/npy.ts';
import type { ResultsFile } from '../../src/report/reportModel.ts';
import { runCliInProcess, type CliOutcome } from '../helpers/cliInProcess.ts';
import { fixtureResults } from '../report/fixture.ts';

// The files theorycheck reads, fuzzed by value (issue 18): results.json (deep, huge, hostile chart
// specs), stored counterexamples (value-level mutations) and `train`'s sizes and shapes. Each case
// gives one line and exit 2, or a valid outcome; no hang (10 s each), no file outside --out.
// Cases run in this process (runCliInProcess), as a user's `theorycheck` would run them.

const scratch = mkdtempSync(join(tmpdir(), 'theorycheck-fuzz-files-'));
let counter = 0;
const fresh = (prefix: string) => join(scratch, `${prefix}-${counter++}`);
export const filesFuzzed = { results: 0, resultsRendered: 0, browserPages: 0, fixtures: 0, fixturesReplayed: 0, train: 0, trainTrained: 0 };
/** Pages rendered from hostile chart specs, opened in Chromium (with the CSP removed) by the last test. */
export const hostilePages: string[] = [];

const cli = (args: string[]) => runCliInProcess(args, { timeoutMs: 10_000 });

function expectOneLineExit2(result: CliOutcome, context: string): void {
  const where = `${context}\nstderr: ${result.stderr.slice(0, 500)}`;
  expect(result.code, where).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, where).toHaveLength(1);
  expect(lines[0].length, where).toBeLessThan(800);
  expect(result.stderr, where).not.toMatch(/\n\s+at |internal error|Maximum call stack/);
}

/** The files in a folder, recursively (names only), for "nothing written outside --out". */
function listing(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true }).map(String).sort();
}

afterAll(() => {
  // docs/reliability.md quotes these counts.
  process.stdout.write(
    `file fuzz: ${filesFuzzed.results} results files (${filesFuzzed.resultsRendered} rendered, ${filesFuzzed.browserPages} hostile pages opened in Chromium), ${filesFuzzed.fixtures} fixtures (${filesFuzzed.fixturesReplayed} valid, replayed), ${filesFuzzed.train} train extremes (${filesFuzzed.trainTrained} trained)\n`,
  );
});

// ---------------------------------------------------------------------------------------------
// results.json

/** A small valid results file: one claim regime and one experiment with a chart, so each case renders fast. */
function baseResults(): ResultsFile {
  const file = fixtureResults();
  const claim = { ...file.claims[0], samples: file.claims[0].samples.slice(0, 4) };
  const experiment = { ...file.experiments![0], images: [] };
  return { ...file, claims: [claim], maps: [], experiments: [experiment], corpus: [] };
}

const EVIL = 'http://evil.invalid';
const goodChart = {
  data: {
    values: [
      { a: 1, b: 2 },
      { a: 2, b: 3 },
    ],
  },
  mark: 'point',
  encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
};

/** Chart specs that try to reach outside the page, each in a different place. */
const hostileSpec: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc
    .constantFrom('https://example.org/', `${EVIL}/a`, 'javascript:alert(1)')
    .map((href) => ({ ...goodChart, encoding: { ...goodChart.encoding, href: { value: href } } })),
  fc.constantFrom('point', 'bar', 'rect', 'text').map((type) => ({ ...goodChart, mark: { type, href: `${EVIL}/m` } })),
  fc.constantFrom('fill', 'stroke', 'color').map((channel) => ({ ...goodChart, mark: { type: 'point', [channel]: `url(${EVIL}/p)` } })),
  fc.constantFrom('background', 'view').map((key) => ({
    ...goodChart,
    config: key === 'background' ? { background: `url(${EVIL}/bg)` } : { view: { fill: ` URL( '${EVIL}/v' )` } },
  })),
  fc.constant({
    ...goodChart,
    mark: { type: 'image', width: 10, height: 10 },
    encoding: { ...goodChart.encoding, url: { value: `${EVIL}/i.png` } },
  }),
  fc.constant({ ...goodChart, mark: 'image' }),
  fc.constant({ ...goodChart, data: { url: `${EVIL}/data.json` } }),
  fc.constant({
    ...goodChart,
    data: { values: [{ a: 1, b: 2, c: `url(${EVIL}/d)` }] },
    encoding: { ...goodChart.encoding, color: { field: 'c', type: 'nominal', scale: null } },
  }),
  fc.constant({ ...goodChart, encoding: { ...goodChart.encoding, color: { value: 'data:image/svg+xml;base64,PHN2Zy8+' } } }),
  // Built at run time by an expression: only the check of the rendered SVG can see it.
  fc.constant({ ...goodChart, mark: { type: 'point', fill: { expr: "'ur' + 'l(" + EVIL + "/e)'" } } }),
  fc.constant({
    ...goodChart,
    params: [{ name: 'p', value: 1 }],
    mark: { type: 'point', fill: { expr: "'u'+'rl(#x) '+'ur'+'l(" + EVIL + "/f)'" } },
  }),
  fc.constant({ ...goodChart, usermeta: { embedOptions: { loader: { target: '_blank' } } } }),
  // Not hostile, only broken: a chart note, never a crash of `report`.
  fc.constantFrom(
    { mark: 'nosuchmark' },
    { ...goodChart, transform: [{ calculate: 'datum.a +', as: 'x' }] },
    { ...goodChart, encoding: 'x' },
    { layer: 'x' },
  ),
);

/** Nesting `depth` levels deep, as text (JSON.stringify of such a value would itself overflow). */
function deepText(depth: number, open: '[' | '{'): string {
  return open === '[' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** `render`: true must render, false must be refused, null either (but never a crash). */
type ResultsCase = { text: string; render: boolean | null; hostile: boolean; label: string };

/** fast-check prints a failing case by its label, not its (megabytes of) text. */
function labelled<T extends { label: string }>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return arbitrary.map((value) => Object.assign(value, { [fc.toStringMethod]: () => value.label }));
}

const resultsCases: fc.Arbitrary<ResultsCase> = fc.oneof(
  // Deep: at the top, in a chart spec, in a claim's params; 65 levels up to 200,000.
  fc
    .record({
      depth: fc.oneof(fc.integer({ min: 65, max: 2000 }), fc.constantFrom(200_000, 50_000)),
      open: fc.constantFrom('[' as const, '{' as const),
      where: fc.constantFrom('top', 'spec', 'title'),
    })
    .map(({ depth, open, where }) => {
      const base = baseResults();
      const marker = '"__DEEP__"';
      const withMarker =
        where === 'top'
          ? null
          : where === 'spec'
            ? { ...base, experiments: [{ ...base.experiments![0], charts: [{ title: 'deep', spec: { x: '__DEEP__' } }] }] }
            : { ...base, claims: [{ ...base.claims[0], title: '__DEEP__' }] };
      const text = withMarker ? JSON.stringify(withMarker).replace(marker, deepText(depth, open)) : deepText(depth, open);
      return { text, render: false, hostile: false, label: `deep ${depth} ${open} at ${where}` };
    }),
  // Huge: a string past the 100,000-character cap in a title, a statement, a key, a chart title.
  fc
    .record({
      length: fc.oneof(fc.integer({ min: 100_001, max: 400_000 }), fc.constant(3_000_000)),
      where: fc.constantFrom('title', 'statement', 'key', 'chart', 'command'),
    })
    .map(({ length, where }) => {
      const base = baseResults();
      const big = 'x'.repeat(length);
      const value =
        where === 'title'
          ? { ...base, claims: [{ ...base.claims[0], title: big }] }
          : where === 'statement'
            ? { ...base, claims: [{ ...base.claims[0], statement: big }] }
            : where === 'key'
              ? { ...base, [big]: 1 }
              : where === 'chart'
                ? { ...base, experiments: [{ ...base.experiments![0], charts: [{ title: big, spec: goodChart }] }] }
                : { ...base, provenance: { ...base.provenance, command: big } };
      return { text: JSON.stringify(value), render: false, hostile: false, label: `huge ${where} ${length}` };
    }),
  // Hostile or broken chart specs: rendered, with the chart a note.
  fc.record({ spec: hostileSpec, asMap: fc.boolean() }).map(({ spec }) => {
    const base = baseResults();
    return {
      text: JSON.stringify({ ...base, experiments: [{ ...base.experiments![0], charts: [{ title: 'hostile', spec }] }] }),
      render: true,
      hostile: !('layer' in spec || spec.mark === 'nosuchmark' || typeof spec.encoding === 'string' || 'transform' in spec),
      label: `hostile ${JSON.stringify(spec).slice(0, 160)}`,
    };
  }),
  // Wrong by value: a field of the wrong type, a verdict off its enum, a count that is negative or fractional.
  fc
    .record({
      field: fc.constantFrom('verdict', 'runs', 'passes', 'passRate', 'interval', 'kind', 'samples', 'paper', 'stoppedBy', 'interrupted'),
      value: fc.oneof(fc.constantFrom(-1, 2.5, 'many', null, [], {}, true, 'SIGKILL', [1])),
    })
    .filter(
      ({ field, value }) =>
        !(field === 'samples' && Array.isArray(value) && value.length === 0) && !(field === 'interrupted' && typeof value === 'boolean'),
    )
    .map(({ field, value }) => {
      const base = baseResults();
      return {
        text: JSON.stringify({ ...base, claims: [{ ...base.claims[0], [field]: value }] }),
        render: false,
        hostile: false,
        label: `claims[0].${field} = ${JSON.stringify(value)}`,
      };
    })
    .filter((c) => !c.label.includes('passRate = null') && !c.label.includes('interval = null')),
  // Measurements of odd shapes, which the claim charts read: rendered (the chart a note) or refused, never a crash.
  fc
    .record({
      name: fc.constantFrom('filterStableRank', 'cosines', 'lossCurve', 'finalLoss', 'status', 'dataStableRank'),
      value: fc.constantFrom<unknown>([[1]], [1, 2], 'x', true, null, [], [[null, 1], [2]], 1e308, -1, [[[]]], [[1, 2], [3]]),
    })
    .map(({ name, value }) => {
      const base = baseResults();
      const claim = base.claims[0];
      const samples = claim.samples.map((s) => ({ ...s, measured: { ...s.measured, [name]: value } }));
      return {
        text: JSON.stringify({ ...base, claims: [{ ...claim, samples }] }),
        render: null,
        hostile: false,
        label: `measured.${name} = ${JSON.stringify(value)}`,
      };
    }),
  // Not JSON, or not a results file at all.
  fc
    .oneof(
      fc.constantFrom('', '{', 'null', '[]', '42', '"text"', '{"claims": "no"}', '\u0000\u0001', 'root:x:0:0:root:/root:/bin/bash'),
      fc.string({ maxLength: 40 }),
    )
    .map((text) => ({ text, render: false, hostile: false, label: `text ${JSON.stringify(text)}` })),
);

describe('results files, fuzzed', () => {
  test(
    'mutated results files: exit 2 in one line, or a rendered page with the chart as a note; nothing outside --out',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(labelled(resultsCases), async ({ text, render, hostile, label }) => {
          filesFuzzed.results++;
          const input = fresh('results') + '.json';
          writeFileSync(input, text);
          const out = fresh('report');
          const before = listing(scratch).filter((n) => !n.startsWith(out.slice(scratch.length + 1)));
          const result = await cli(['report', '--in', input, '--out', out]);
          expect(result.code, `${label}: ${result.stderr}`).not.toBe(3);
          if (render === null) {
            if (result.code === 2) expectOneLineExit2(result, label);
            else {
              filesFuzzed.resultsRendered++;
              expect(result.code, `${label}\n${result.stderr}`).toBe(0);
              expect(listing(out), label).toEqual(['index.html', 'results.json']);
            }
          } else if (!render) {
            expectOneLineExit2(result, label);
            expect(existsSync(out), `${label}: a report directory was created`).toBe(false);
          } else {
            filesFuzzed.resultsRendered++;
            expect(result.code, `${label}\n${result.stderr}`).toBe(0);
            expect(listing(out), label).toEqual(['index.html', 'results.json']);
            const page = readFileSync(join(out, 'index.html'), 'utf8');
            const figure = /<figure class="chart[^"]*" data-chart="hostile">[\s\S]*?<\/figure>/.exec(page)?.[0] ?? '';
            expect(figure, label).not.toBe('');
            if (hostile) {
              expect(figure, label).toContain('chart-failed');
              expect(page, `${label}: a hostile URL reached the page`).not.toContain('evil.invalid');
              expect(figure.replace(/<p class="chart-error">[^<]*<\/p>/, ''), label).not.toMatch(/href|url\(|<image/i);
              if (hostilePages.length < 20) hostilePages.push(join(out, 'index.html'));
            }
          }
          // Nothing written outside --out (the input file aside).
          expect(
            listing(scratch).filter((n) => !n.startsWith(out.slice(scratch.length + 1))),
            label,
          ).toEqual(before);
        }),
        { numRuns: 520, seed: 18 },
      );
    },
  );
});

describe('hostile chart pages in Chromium, with the Content-Security-Policy removed', () => {
  test(
    'make no request but the page itself (and a page that keeps a url(…) fill does: the check can fail)',
    { timeout: 120_000 },
    async () => {
      expect(hostilePages.length, 'the fuzz run above rendered hostile pages').toBeGreaterThan(10);
      if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      try {
        const visit = async (html: string): Promise<string[]> => {
          const path = fresh('no-csp') + '.html';
          writeFileSync(path, html);
          const page = await browser.newPage();
          const requests: string[] = [];
          page.on('request', (request) => requests.push(request.url()));
          await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
          // Paint servers and backgrounds are fetched when drawn: give the page a frame or two.
          await page.waitForTimeout(150);
          await page.close();
          return requests.filter((url) => url !== pathToFileURL(path).href && !url.startsWith('data:'));
        };
        const withoutCsp = (html: string) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
        // The control: the same page with a url(…) fill put back requests it.
        const control = withoutCsp(readFileSync(hostilePages[0], 'utf8')).replace(
          '</main>',
          `<svg width="10" height="10"><rect width="10" height="10" fill="url(${EVIL}/control#p)"/></svg></main>`,
        );
        expect(await visit(control)).toEqual([`${EVIL}/control`]);
        for (const page of hostilePages) {
          const html = readFileSync(page, 'utf8');
          expect(html).toContain('Content-Security-Policy');
          expect(await visit(withoutCsp(html)), page).toEqual([]);
        }
        filesFuzzed.browserPages = hostilePages.length;
      } finally {
        await browser.close();
      }
    },
  );
});

// ---------------------------------------------------------------------------------------------
// stored counterexamples

const HUBER = 'zhang2025/huberized-relu-well-formed';
const template = JSON.parse(
  readFileSync(
    join(repositoryRoot, 'fixtures', 'counterexamples', 'zhang2025', 'huberized-relu-well-formed', '0e8ada74f4baf1ed.json'),
    'utf8',
  ),
);
const NAMED = template.regime as string;

/** A mutated fixture and whether it is bad by construction (true), valid (false), or either (null). */
type FixtureCase = { file: unknown; bad: boolean | null; label: string };

const fixtureCases: fc.Arbitrary<FixtureCase> = fc.oneof(
  // Wrong type for a parameter.
  fc
    .record({
      name: fc.constantFrom('q', 'kappa', 'z', 'form'),
      value: fc.constantFrom<unknown>('three', '3', true, null, [], {}, [3], { $number: 'NaN' }, ''),
    })
    .filter(({ name, value }) => !(name === 'form' && typeof value === 'string' && value !== ''))
    .map(({ name, value }) => ({
      file: { ...template, params: { ...template.params, [name]: value } },
      bad: true,
      label: `${name} = ${JSON.stringify(value)}`,
    })),
  // Off the grid: fractional, negative, huge, tiny, beside a grid value. Near the grid (docs/reliability.md: q an integer
  // in [0.01, 20], κ in [10⁻⁵, 100], z in [−1005, 1005]) a value replays; beyond it, it is refused.
  fc
    .constantFrom<[string, number, boolean]>(
      ['q', 2.5, true],
      ['q', 3.5, true],
      ['q', -3, true],
      ['q', 0, true],
      ['q', 6, false],
      ['q', 20, false],
      ['q', 21, true],
      ['q', 2000, true],
      ['q', 1e6, true],
      ['q', 1e308, true],
      ['q', 5e-324, true],
      ['kappa', 0.0011, false],
      ['kappa', 50, false],
      ['kappa', 2000, true],
      ['kappa', -3, true],
      ['kappa', 0, true],
      ['kappa', 1e-6, true],
      ['kappa', 1e308, true],
      ['kappa', 5e-324, true],
      ['z', 0.123, false],
      ['z', -3, false],
      ['z', 1004, false],
      ['z', 1006, true],
      ['z', -1e6, true],
      ['z', 1e308, true],
    )
    .map(([name, value, bad]) => ({
      file: { ...template, params: { ...template.params, [name]: value } },
      bad,
      label: `${name} = ${value} in "${NAMED}"`,
    })),
  fc
    .record({ name: fc.constantFrom('q', 'kappa', 'z'), value: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) })
    .map(({ name, value }) => ({
      file: { ...template, params: { ...template.params, [name]: value } },
      bad: null,
      label: `${name} = ${value}`,
    })),
  // On the grid: valid, replayed.
  fc
    .record({ q: fc.constantFrom(3, 4, 5), kappa: fc.constantFrom(0.001, 0.1, 1), z: fc.constantFrom(-5, 0, 1.5) })
    .map((p) => ({ file: { ...template, params: { ...template.params, ...p } }, bad: false, label: `on grid ${JSON.stringify(p)}` })),
  // Explored cases: the same rule.
  fc.record({ q: fc.constantFrom(7, 20, 21, 100, 1e9), z: fc.constantFrom(0.1, 123.4, 1e5) }).map(({ q, z }) => ({
    file: { ...template, regime: 'explore', expected: 'probe', params: { ...template.params, q, z } },
    bad: q > 20 || z > 1005,
    label: `explore q=${q} z=${z}`,
  })),
  // The seed.
  fc
    .constantFrom<unknown>(-1, 2.5, 2 ** 40, '7', null, 1e308)
    .map((seed) => ({ file: { ...template, params: { ...template.params, seed } }, bad: true, label: `seed = ${JSON.stringify(seed)}` })),
  // Names: unknown, missing.
  fc.constantFrom('q', 'kappa', 'z', 'form').map((name) => {
    const params = { ...template.params };
    delete params[name];
    return { file: { ...template, params }, bad: true, label: `missing ${name}` };
  }),
  fc
    .constantFrom('Q', 'rows', '__proto__', 'constructor')
    .map((name) => ({ file: { ...template, params: { ...template.params, [name]: 1 } }, bad: true, label: `unknown ${name}` })),
  // The rest of the file by value.
  fc
    .record({
      key: fc.constantFrom('format', 'expected', 'backend', 'claimId', 'regime', 'fastCheck', 'observed', 'packageVersion'),
      value: fc.constantFrom<unknown>(null, 2, '', 'x', [], { a: 1 }, -1),
    })
    .map(({ key, value }) => ({
      file: { ...template, [key]: value },
      bad: !(((key === 'regime' || key === 'packageVersion') && value === 'x') || (key === 'fastCheck' && value === null)),
      label: `${key} = ${JSON.stringify(value)}`,
    })),
  fc
    .record({
      key: fc.constantFrom('margin', 'outcome', 'detail', 'measured'),
      value: fc.constantFrom<unknown>('x', 'pass', 7, [], { $number: 'Nope' }, true),
    })
    .map(({ key, value }) => ({
      file: { ...template, observed: { ...template.observed, [key]: value } },
      bad:
        (key === 'margin' && typeof value === 'number') ||
        (key === 'detail' && typeof value === 'string') ||
        (key === 'measured' && typeof value === 'object' && value !== null && !Array.isArray(value))
          ? false
          : true,
      label: `observed.${key} = ${JSON.stringify(value)}`,
    })),
  // Size and shape: a huge detail, deep measurements, a truncated file.
  fc.constantFrom(10_001, 200_000).map((length) => ({
    file: { ...template, observed: { ...template.observed, detail: 'd'.repeat(length) } },
    bad: true,
    label: `detail of ${length}`,
  })),
  fc
    .constantFrom(9, 100, 100_000)
    .map((depth) => ({ file: `{"format":1,"observed":${'['.repeat(depth)}${']'.repeat(depth)}}`, bad: true, label: `depth ${depth}` })),
  fc.nat({ max: 600 }).map((cut) => ({ file: JSON.stringify(template).slice(0, cut), bad: true, label: `cut at ${cut}` })),
);

describe('stored counterexamples, fuzzed by value', () => {
  test(
    'mutated fixtures: bad ones are one line and exit 2 and are never replayed, pruned or copied; valid ones replay',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(labelled(fixtureCases), fc.constantFrom('reproduce', 'corpus --prune'), async ({ file, bad, label }, command) => {
          filesFuzzed.fixtures++;
          const directory = fresh('corpus');
          const folder = join(directory, ...HUBER.split('/'));
          mkdirSync(folder, { recursive: true });
          const path = join(folder, '0e8ada74f4baf1ed.json');
          const text = typeof file === 'string' ? file : JSON.stringify(file, null, 1);
          writeFileSync(path, text);
          const args = command === 'reproduce' ? ['reproduce', '--file', path] : ['corpus', '--claim', HUBER, '--prune'];
          const result = await runCliInProcess(args, {
            env: { THEORYCHECK_CORPUS_DIR: directory, THEORYCHECK_CACHE: 'off' },
            timeoutMs: 10_000,
          });
          if (bad === true || result.code === 2) {
            if (bad === false) expect.fail(`${label}: a valid fixture was refused: ${result.stderr}`);
            expectOneLineExit2(result, `${command} ${label}`);
            expect(result.stderr).toMatch(/0e8ada74f4baf1ed\.json/);
            // Never replayed (no replay line), never deleted, never rewritten, nothing new.
            expect(result.stdout, label).toBe('');
            expect(listing(directory), label).toEqual([
              'zhang2025',
              'zhang2025/huberized-relu-well-formed',
              'zhang2025/huberized-relu-well-formed/0e8ada74f4baf1ed.json',
            ]);
            expect(readFileSync(path, 'utf8'), label).toBe(text);
          } else {
            filesFuzzed.fixturesReplayed++;
            expect([0, 1], `${label}\n${result.stderr}`).toContain(result.code);
          }
        }),
        { numRuns: 520, seed: 1818 },
      );
    },
  );
});

// ---------------------------------------------------------------------------------------------
// train: sizes and shapes

const trainDir = fresh('train-inputs');
mkdirSync(trainDir, { recursive: true });
const t = (name: string) => join(trainDir, name);
writeNpy(
  t('X.npy'),
  [4, 2, 3],
  Float64Array.from({ length: 24 }, (_, i) => Math.cos(i)),
);
writeNpy(t('y.npy'), [4], [1, -1, 1, -1]);
/** A valid header declaring `shape`, over `bytes` bytes of data (usually far fewer than declared). */
function headerOnly(shape: number[], bytes: number): Buffer {
  const real = Buffer.from(encodeNpy([1], [0]));
  const text = real.toString('latin1').replace("'shape': (1,)", `'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''})`);
  const headerEnd = text.indexOf('\n') + 1;
  const header = Buffer.from(text.slice(0, headerEnd), 'latin1');
  // Keep the declared header length consistent with the edited text.
  header.writeUInt16LE(headerEnd - 10, 8);
  return Buffer.concat([header, Buffer.alloc(bytes)]);
}
execFileSync('mkfifo', [t('fifo.npy')]);
mkdirSync(t('folder.npy'));

const extreme = fc.constantFrom(1, 2, 7, 100_000, 1_000_000_000, 2 ** 31, Number.MAX_SAFE_INTEGER);
type TrainCase = { args: string[]; label: string };
const trainCases: fc.Arbitrary<TrainCase> = fc.oneof(
  fc
    .record({
      n: extreme,
      patches: extreme,
      dim: extreme,
      filters: extreme,
      dataRank: fc.boolean(),
      max: fc.option(fc.constantFrom(1, 10, 1000), { nil: undefined }),
    })
    .map(({ n, patches, dim, filters, dataRank, max }) => ({
      args: [
        '--synthetic',
        '--n',
        String(n),
        '--patches',
        String(patches),
        '--dim',
        String(dim),
        '--filters',
        String(filters),
        '--iters',
        '1',
        ...(dataRank ? [] : ['--no-data-rank']),
        ...(max ? ['--max-elements', String(max)] : []),
      ],
      label: `synthetic n=${n} P=${patches} d=${dim} m=${filters}${dataRank ? '' : ' no-data-rank'}${max ? ` max=${max}` : ''}`,
    })),
  fc
    .record({
      shape: fc.array(extreme, { minLength: 1, maxLength: 4 }),
      bytes: fc.constantFrom(0, 8, 64, 4096),
      as: fc.constantFrom('data', 'labels', 'init', 'basis'),
    })
    .map(({ shape, bytes, as }) => {
      const file = t(`shape-${counter++}.npy`);
      writeFileSync(file, headerOnly(shape, bytes));
      const inputs = { data: t('X.npy'), labels: t('y.npy'), [as]: file };
      return {
        args: [
          '--data',
          inputs.data,
          '--labels',
          inputs.labels,
          ...(as === 'init' || as === 'basis' ? [`--${as}`, file] : []),
          '--iters',
          '1',
        ],
        label: `${as} declares (${shape.join(', ')}) over ${bytes} bytes`,
      };
    }),
  fc.record({ rows: fc.constantFrom(0, 1, 2, 3, 4, 6), fill: fc.constantFrom(Number.NaN, Infinity, 0, 1) }).map(({ rows, fill }) => {
    const file = t(`basis-${counter++}.npy`);
    writeNpy(file, [rows, 3], new Float64Array(rows * 3).fill(fill));
    return {
      args: ['--data', t('X.npy'), '--labels', t('y.npy'), '--basis', file, '--filters', '2', '--iters', '1'],
      label: `basis ${rows} rows of ${fill}`,
    };
  }),
  fc.constantFrom('/dev/zero', '/dev/null', '/dev/urandom', t('fifo.npy'), t('folder.npy'), '/proc/self/mem').chain((special) =>
    fc.constantFrom('data', 'labels', 'init', 'basis').map((as) => {
      const inputs: Record<string, string> = { data: t('X.npy'), labels: t('y.npy'), [as]: special };
      return {
        args: [
          '--data',
          inputs.data,
          '--labels',
          inputs.labels,
          ...(as === 'init' || as === 'basis' ? [`--${as}`, special] : []),
          '--iters',
          '1',
        ],
        label: `${as} from ${special}`,
      };
    }),
  ),
);

describe('train: size and shape extremes, fuzzed', () => {
  test('each is refused in one line with exit 2 before allocating, or trains (a size that fits)', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(labelled(trainCases), async ({ args, label }) => {
        filesFuzzed.train++;
        const out = fresh('train-out');
        const started = Date.now();
        const result = await cli(['train', ...args, '--out', out]);
        expect(Date.now() - started, `${label} took too long`).toBeLessThan(10_000);
        if (result.code === 0) {
          filesFuzzed.trainTrained++;
          expect(listing(out), label).toEqual(['W.npy', 'result.json']);
          return;
        }
        expectOneLineExit2(result, label);
        expect(result.stderr, label).not.toMatch(/Invalid typed array length|Array buffer allocation failed/);
        expect(existsSync(out), `${label}: output written`).toBe(false);
      }),
      { numRuns: 220, seed: 1881 },
    );
    // The generator reaches both sides: some extremes train, most are refused.
    expect(filesFuzzed.trainTrained).toBeGreaterThan(0);
    expect(filesFuzzed.train - filesFuzzed.trainTrained).toBeGreaterThan(100);
  });
});
