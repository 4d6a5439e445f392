import type { Study } from '../../claims/study.ts';
import { runRealDataExperiment } from './experiments.ts';

/**
 * The MNIST noise sweep as a study, so `theorycheck verify` and `npm test` put its table, chart
 * and filter images in the report. Under the ci profile it runs at smoke sizes (a few seconds).
 */
export const mnistNoiseSweepStudy: Study = {
  id: 'zhang2025/mnist-noise-sweep',
  title: 'MNIST noise sweep: data vs filter stable rank',
  profiles: ['smoke', 'ci', 'deep'],
  async run(context) {
    // deep runs the CLI's default sweep (about a minute); the deep sweep itself is for `reproduce mnist --profile deep`.
    const profile = context.profile === 'deep' ? 'ci' : 'smoke';
    const { report } = runRealDataExperiment('mnist', { profile, seed: context.seed, deadline: context.deadline }, context.backend);
    return { experiments: [report] };
  },
  check(output) {
    const report = output.experiments?.[0];
    if (!report || report.rows.length < 2) throw new Error('mnist noise sweep: fewer than two noise levels ran');
    const ratio = report.columns.indexOf('sr(X)/sr(X clean)');
    const last = report.rows[report.rows.length - 1][ratio];
    if (typeof last !== 'number' || last < 3)
      throw new Error(`mnist noise sweep: the data stable rank grew only ×${last} at the largest σp (expected ≥ 3)`);
  },
};
