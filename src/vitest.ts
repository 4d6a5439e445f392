/**
 * `theorycheck/vitest`: the glue between theorycheck and vitest. `checkClaims` and
 * `checkStudies` turn claims and studies into tests; `TheorycheckReporter` writes the report
 * from what those tests put on their tasks. Kept apart from `theorycheck` so that the core never
 * imports vitest.
 */
export { checkClaims, checkStudies } from './report/vitest/checkClaims.ts';
export { TheorycheckReporter } from './report/vitest/TheorycheckReporter.ts';
export type { TheorycheckReporterOptions } from './report/vitest/TheorycheckReporter.ts';
