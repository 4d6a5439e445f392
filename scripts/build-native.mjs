#!/usr/bin/env node
// Builds the optional native kernel (build/Release/theorycheck_native.node) at `npm install`.
// It never fails the install: when the compiler, headers or OpenMP are missing it says why,
// writes the reason to build/native-build-failure.txt, and the harness falls back (the reason
// shows up as the backend's fallbackReason).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const failureFile = join(root, 'build', 'native-build-failure.txt');
const output = join(root, 'build', 'Release', 'theorycheck_native.node');
const source = join(root, 'src', 'compute', 'native', 'addon.c');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 180_000 });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) return { ok: false, why: `${command}: ${result.error.message}` };
  if (result.status !== 0) {
    const lines = text.split('\n').filter((line) => /error|not found|No such/i.test(line));
    return { ok: false, why: `${command} exited ${result.status}: ${(lines.slice(0, 3).join(' | ') || text.slice(-300)).trim()}` };
  }
  return { ok: true };
}

// Headers shipped with the Node binary's prefix (Debian's /usr/include/node), so node-gyp need not download them.
const prefix = dirname(dirname(process.execPath));
const nodedir = existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ].filter(Boolean);
  const script = candidates.find((path) => existsSync(path));
  if (!script) return { ok: false, why: 'node-gyp not found' };
  return run(process.execPath, [script, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : [])]);
}

// Without node-gyp, or when it fails: the same source straight through the C compiler, first with
// OpenMP, then without it (single-threaded but still vectorized).
function direct(openmp) {
  if (!nodedir) return { ok: false, why: 'no Node headers next to the node binary' };
  mkdirSync(dirname(output), { recursive: true });
  const flags = [
    '-shared',
    '-fPIC',
    '-O3',
    '-march=native',
    '-std=gnu11',
    `-I${join(nodedir, 'include', 'node')}`,
    '-DNODE_GYP_MODULE_NAME=theorycheck_native',
  ];
  if (openmp) flags.push('-fopenmp');
  return run(process.env.CC ?? 'cc', [...flags, source, '-o', output, '-lm']);
}

const attempts = [
  ['node-gyp', nodeGyp],
  ['cc + OpenMP', () => direct(true)],
  ['cc without OpenMP', () => direct(false)],
];
const reasons = [];
for (const [name, attempt] of attempts) {
  const result = attempt();
  if (result.ok && existsSync(output)) {
    rmSync(failureFile, { force: true });
    const earlier = reasons.length ? ` after ${reasons.join('; ')}` : '';
    console.log(`theorycheck: native kernel built (${name}) at ${output}${earlier}`);
    process.exit(0);
  }
  reasons.push(`${name}: ${result.why ?? 'no output produced'}`);
}
const reason = reasons.join('; ');
mkdirSync(dirname(failureFile), { recursive: true });
writeFileSync(failureFile, `${reason}\n`);
console.warn(`theorycheck: native kernel not built, falling back to the JavaScript backends (${reason})`);
process.exit(0);
