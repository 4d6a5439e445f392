/**
 * Child process for the atomicity test: writes two large report variants in turn, forever,
 * until it is killed. Says "ready" once the first pair is in place.
 */
import { writeReport } from '../../../src/report/writeReport.ts';
import { fixtureResults } from '../fixture.ts';

const directory = process.argv[2];
const megabytes = Number(process.argv[3] ?? 16);
const base = fixtureResults();
const padding = 'x'.repeat(megabytes * 2 ** 20);
const variants = [0, 1].map((variant) => ({
  file: { ...base, provenance: { ...base.provenance, command: `variant ${variant}` } },
  page: `<!DOCTYPE html><html><body data-variant="${variant}">${padding}${variant}</body></html>\n`,
}));
for (let i = 0; ; i++) {
  const { file, page } = variants[i % 2];
  await writeReport(directory, file, { render: async () => page });
  if (i === 0) process.stdout.write('ready\n');
}
