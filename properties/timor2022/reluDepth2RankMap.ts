import type { Study, StudyOutput } from '../../src/claims/study.ts';
import type { RegimeMap, RegimeMapCell } from '../../src/report/reportModel.ts';
import { decideVerdict } from '../../src/claims/verdict.ts';
import { createRng } from '../../src/random/rng.ts';
import { NEAR_RANK_ONE, reluDepth2FindsRankOne } from './reluDepth2FindsRankOne.ts';
import { runTwoPoint } from '../../src/experiments/timor2022/twoPointRun.ts';
import * as grids from '../../src/experiments/timor2022/twoPointDomain.ts';

const SEEDS = { smoke: 2, ci: 8, deep: 30 } as const;
const fixedSetting = { dim: 10, width: 20, initScale: 1e-3, learningRate: 0.05, maxSteps: 20_000 };

const isControl = (cell: RegimeMapCell) => Number(cell.y) > 0 && Number(cell.x) <= 60;
const isBad = (cell: RegimeMapCell) => Number(cell.y) < 0 || Number(cell.x) >= 110;

/**
 * The map behind P2-C2: for each (angle, y2/y1) cell, the fraction of seeds where depth-2 ReLU
 * GD from small init ends near rank 1 (σ2/σ1 ≤ 0.05), with its Wilson interval. A rank-1
 * interpolant exists in every cell, so every cell that is not at pass rate 1 is a place where
 * GD does not find it. The control region (same-sign labels, acute angle) should be at 1.
 */
export const reluDepth2RankMap: Study = {
  id: 'timor2022/relu-depth2-rank-map',
  title: 'Depth-2 ReLU: where GD from small init ends near rank 1 (angle × label ratio)',
  profiles: ['smoke', 'ci', 'deep'],
  async run({ profile, seed, deadline }): Promise<StudyOutput> {
    const started = performance.now();
    const seeds = SEEDS[profile];
    const cells: RegimeMapCell[] = [];
    for (const ratio of grids.labelRatio.values) {
      for (const angle of grids.angleDeg.values) {
        let passes = 0;
        let runs = 0;
        for (let s = 0; s < seeds; s++) {
          if (Date.now() > deadline) break;
          const run = runTwoPoint(
            { ...fixedSetting, angleDeg: angle, labelRatio: ratio, activation: 'relu' },
            createRng(`${seed}/map/${angle}/${ratio}/${s}`),
            deadline,
          );
          if (run.training.status !== 'converged') continue;
          runs++;
          if (run.rank.ratio <= NEAR_RANK_ONE) passes++;
        }
        cells.push({
          x: angle,
          y: ratio,
          runs,
          passes,
          passRate: runs ? passes / runs : null,
          interval: runs
            ? decideVerdict(reluDepth2FindsRankOne.kind, reluDepth2FindsRankOne.threshold ?? 1, {
                passes,
                failures: runs - passes,
                interrupted: false,
                plannedRuns: runs,
              }).interval
            : null,
          refined: false,
        });
      }
    }
    const map: RegimeMap = {
      claimId: reluDepth2FindsRankOne.id,
      title: this.title,
      x: 'angle between the inputs θ (degrees)',
      y: 'label ratio y2/y1',
      rest: {
        d: String(fixedSetting.dim),
        m: String(fixedSetting.width),
        ε: String(fixedSetting.initScale),
        η: String(fixedSetting.learningRate),
        'seeds per cell': String(seeds),
        'pass means': `converged to loss ≤ 1e-8 with σ2(W)/σ1(W) ≤ ${NEAR_RANK_ONE}`,
        'control region': 'y2/y1 > 0 and θ ≤ 60° (expected pass rate 1)',
        'runs counted':
          'only runs that fit the data; a few opposite-label seeds at θ ≤ 30° stall at a non-interpolating point and are left out of their cell',
      },
      cells,
      conditions: [
        {
          label: 'θ = 90°: same-sign labels find rank 1 only at acute angles',
          points: [
            { x: 90, y: 0.5 },
            { x: 90, y: 2 },
          ],
        },
        {
          label: 'y2/y1 = 0: opposite-sign labels never find rank 1',
          points: [
            { x: 10, y: 0 },
            { x: 170, y: 0 },
          ],
        },
      ],
      durationMs: performance.now() - started,
      headline: {
        caption: 'Depth-2 ReLU nets from small init: where GD ends near rank 1, over the angle between the two inputs × the label ratio',
        order: 1,
      },
    };
    return { maps: [map] };
  },
  check(output) {
    const cells = output.maps?.[0]?.cells ?? [];
    const control = cells.filter(isControl);
    const bad = cells.filter(isBad);
    const rate = (list: RegimeMapCell[]) =>
      list.reduce((s, c) => s + c.passes, 0) /
      Math.max(
        1,
        list.reduce((s, c) => s + c.runs, 0),
      );
    if (!control.length || !bad.length) throw new Error('rank map: control or bad cells missing');
    if (rate(control) < 0.95) throw new Error(`rank map: the control region should find rank 1, pass rate ${rate(control).toFixed(2)}`);
    if (rate(bad) > 0.05) throw new Error(`rank map: the bad region should not find rank 1, pass rate ${rate(bad).toFixed(2)}`);
  },
};
