/** The files `theorycheck init` writes, by path: a claims project that runs as soon as it is installed. */
export function initTemplates(version: string, name: string): Record<string, string> {
  return {
    'package.json': `${JSON.stringify(
      {
        name,
        private: true,
        type: 'module',
        scripts: { test: 'vitest run', verify: 'theorycheck verify' },
        devDependencies: { theorycheck: `^${version}`, vitest: '~4.1.12', 'fast-check': '^4.10.2' },
      },
      null,
      2,
    )}\n`,
    'vitest.config.ts': `import { defineConfig } from 'vitest/config';
import { TheorycheckReporter } from 'theorycheck/vitest';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    // The reporter writes reports/results.json and reports/index.html after the run.
    reporters: ['default', new TheorycheckReporter()],
    testTimeout: 60_000,
  },
});
`,
    'theorycheck.config.json': `${JSON.stringify({ claims: ['properties/example/index.ts'], reportDirectory: 'reports' }, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          skipLibCheck: true,
        },
        include: ['properties', 'vitest.config.ts'],
      },
      null,
      2,
    )}\n`,
    '.gitignore': 'node_modules/\nreports/\n.cache/\n',
    'properties/example/gradientDescentQuadratic.ts': `import { defineClaim, fixed, grid, logarithmic } from 'theorycheck';

/**
 * A deterministic claim: gradient descent on f(x) = x²/2 with step η contracts every iterate,
 * |x_{t+1}| = |1 − η|·|x_t|, so it converges exactly when 0 < η < 2.
 */
export const gradientDescentQuadratic = defineClaim({
  id: 'example/gd-quadratic-converges',
  paper: { id: 'example', arxiv: 'n/a', title: 'Gradient descent on a quadratic', authors: 'textbook' },
  title: 'Gradient descent on x²/2 converges for a step below 2',
  statement: 'For 0 < η < 2, gradient descent on f(x) = x²/2 from any x₀ ≠ 0 satisfies |x_T| < |x₀|.',
  provenance: { kind: 'derived', source: 'x_{t+1} = (1 − η) x_t' },
  conditions: ['0 < η < 2', 'x₀ ≠ 0'],
  domain: {
    eta: grid([0.5, 0.1, 1, 1.5, 1.9]),
    start: logarithmic(1e-2, 1e2, 2),
    steps: fixed<number>(50),
  },
  passCondition: '|x_T| < |x₀|',
  kind: 'deterministic',
  failureRegimes: [
    {
      name: 'step above 2',
      why: 'for η > 2 the factor |1 − η| exceeds 1 and the iterates grow',
      domain: { eta: grid([2.5, 3]) },
      expectation: 'must-fail',
    },
  ],
  measure({ eta, start, steps }, { rng }) {
    let x = rng.uniform() < 0.5 ? -start : start;
    for (let t = 0; t < steps; t++) x -= eta * x;
    return { start: Math.abs(start), end: Math.abs(x) };
  },
  holds(m) {
    return { pass: m.end < m.start, margin: Math.log(m.start / Math.max(m.end, 1e-300)) };
  },
});
`,
    'properties/example/sampleMean.ts': `import { choice, defineClaim, grid } from 'theorycheck';

/**
 * A stochastic claim: the mean of n standard normal draws lies within 3/√n of 0 with
 * probability about 0.997, so at least 0.9 of runs must pass.
 */
export const sampleMeanConcentrates = defineClaim({
  id: 'example/sample-mean-concentrates',
  paper: { id: 'example', arxiv: 'n/a', title: 'The law of large numbers', authors: 'textbook' },
  title: 'The sample mean of Gaussian draws concentrates at rate 1/√n',
  statement: 'For i.i.d. N(0, 1) draws, P(|mean| ≤ 3/√n) ≈ 0.997 ≥ 0.9.',
  provenance: { kind: 'derived', source: 'the mean is N(0, 1/n)' },
  conditions: ['independent draws', 'finite variance'],
  domain: {
    n: grid([100, 10, 1000]),
    distribution: choice<'normal' | 'cauchy'>(['normal']),
  },
  passCondition: '|mean| ≤ 3/√n',
  kind: 'stochastic',
  threshold: 0.9,
  failureRegimes: [
    {
      name: 'heavy tails',
      why: 'the mean of Cauchy draws is again Cauchy: it does not concentrate at all',
      domain: { distribution: choice<'normal' | 'cauchy'>(['cauchy']) },
      expectation: 'must-fail',
    },
  ],
  budgets: { smoke: { runs: 60 }, ci: { runs: 100 }, deep: { runs: 1000 } },
  measure({ n, distribution }, { rng }) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += distribution === 'normal' ? rng.gaussian() : Math.tan(Math.PI * (rng.uniform() - 0.5));
    return { mean: sum / n, bound: 3 / Math.sqrt(n) };
  },
  holds(m) {
    return { pass: Math.abs(m.mean) <= m.bound, margin: (m.bound - Math.abs(m.mean)) / m.bound };
  },
});
`,
    'properties/example/index.ts': `import { gradientDescentQuadratic } from './gradientDescentQuadratic.ts';
import { sampleMeanConcentrates } from './sampleMean.ts';

/** This project's claims; \`theorycheck verify\` runs them (see theorycheck.config.json). */
export const exampleClaims = [gradientDescentQuadratic, sampleMeanConcentrates];
`,
    'properties/example/example.test.ts': `import { checkClaims } from 'theorycheck/vitest';
import { exampleClaims } from './index.ts';

checkClaims(exampleClaims);
`,
    'README.md': `# ${name}

Claims checked with [theorycheck](https://www.npmjs.com/package/theorycheck). Each claim in
\`properties/\` states a result, the domain where it should hold and the regimes where it should fail.

\`\`\`bash
# the claims as tests; the report lands in reports/index.html
npm install && npx vitest run

# the same claims through the CLI, with progress and the same report
npx theorycheck verify
\`\`\`

Add a claim: copy \`properties/example/sampleMean.ts\`, change it, and list it in
\`properties/example/index.ts\`.
`,
  };
}
