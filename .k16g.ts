import { createRequire } from 'node:module';
import { benchShapes } from '/work/wt-16/src/bench/shapes.ts';
import { benchProblem } from '/work/wt-16/src/bench/timeBackend.ts';
const req = createRequire(import.meta.url);
const oldA = req(process.argv[2]), newA = req('/work/wt-16/build/Release/theorycheck_native.node');
const bits = (a: Float64Array) => Buffer.from(a.buffer).toString('hex');
const threads = Number(process.argv[3] ?? 1);
for (const s of benchShapes) {
  const p = benchProblem(s, 3);
  for (const act of [[0, 3, 1], [1, 1, 1], [2, 2, 1]]) {
    const mk = (A: any) => A.create(p.data.x, p.data.y, p.data.samples, p.data.patches, p.data.dim, s.filtersPerClass, p.initialWeights, act[0], act[1], act[2], 32, threads);
    const ho = mk(oldA), hn = mk(newA);
    let lo = '', ln = '';
    for (let i = 0; i < 3; i++) { lo += oldA.step(ho, 0.1) + ','; ln += newA.step(hn, 0.1) + ','; }
    const wo = new Float64Array(p.initialWeights.length), wn = new Float64Array(p.initialWeights.length);
    oldA.weights(ho, wo); newA.weights(hn, wn);
    if (lo !== ln || bits(wo) !== bits(wn)) console.log(s.name, act, 'DIFFERENT');
  }
  const ho = oldA.create(p.data.x, p.data.y, p.data.samples, p.data.patches, p.data.dim, s.filtersPerClass, p.initialWeights, 0, 3, 1, 32, threads);
  const hn = newA.create(p.data.x, p.data.y, p.data.samples, p.data.patches, p.data.dim, s.filtersPerClass, p.initialWeights, 0, 3, 1, 32, threads);
  const n = s.name === 'S' ? 400 : s.name === 'M' ? 40 : 6;
  let bo = Infinity, bn = Infinity;
  for (let r = 0; r < 5; r++) {
    let c = process.cpuUsage(); for (let i = 0; i < n; i++) oldA.step(ho, 0.1); let d = process.cpuUsage(c); bo = Math.min(bo, (d.user + d.system) / n);
    c = process.cpuUsage(); for (let i = 0; i < n; i++) newA.step(hn, 0.1); d = process.cpuUsage(c); bn = Math.min(bn, (d.user + d.system) / n);
  }
  console.log(s.name, `threads ${threads}: step CPU ms old ${(bo / 1000).toFixed(3)} new ${(bn / 1000).toFixed(3)} (${(bo / bn).toFixed(2)}x)`);
}
