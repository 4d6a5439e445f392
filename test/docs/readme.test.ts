import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * The README is a front page and the docs beside it are one topic per file. Topic files that other
 * parts of the project write (at the time of writing, on other branches) are listed here so the
 * link check can tell a broken link from one that waits for them; the list shrinks as they land.
 */
const WRITTEN_ELSEWHERE = new Set(['docs/architecture.md', 'docs/verdicts.md', 'docs/performance.md', 'docs/reliability.md', 'docs/phase-diagram.md', 'docs/writing-a-claim.md', 'docs/api.md']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

describe('the README and docs/', () => {
  const readme = readFileSync('README.md', 'utf8');

  test('the README is a front page of at most 12 KB with the two commands, exactly', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
    expect(readme).toContain('\nnpm install && npx theorycheck verify\n');
    expect(readme).toContain('\nnpm install && npm test\n');
  });

  test('the report screenshot it shows is committed under docs/ and small', () => {
    expect(readme).toContain('](docs/report-screenshot.png)');
    const png = readFileSync('docs/report-screenshot.png');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.length).toBeLessThan(400 * 1024);
  });

  test('every relative link in the README and docs/ resolves', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of ['README.md', ...markdownFiles('docs')]) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s#]+)(#[^)\s]*)?\)/g)) {
        if (/^[a-z]+:/.test(m[1])) continue;
        checked++;
        const target = normalize(join(dirname(file), m[1]));
        if (!existsSync(target) && !WRITTEN_ELSEWHERE.has(target)) broken.push(`${file} → ${m[1]}`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(broken).toEqual([]);
  });
});
