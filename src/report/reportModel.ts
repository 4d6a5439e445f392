import type { ClaimResult } from '../claims/result.ts';
import type { RunProvenance } from './provenance.ts';
import type { CorpusReplay } from '../corpus/corpusReplay.ts';

export type { CorpusReplay } from '../corpus/corpusReplay.ts';

/**
 * Marks a map or an experiment as one of its paper's headline figures: shown near the top of the
 * report with this one-line caption, in ascending `order` (then as found).
 */
export interface Headline {
  readonly caption: string;
  readonly order?: number;
}

/** One cell of a 2-D pass-rate map: the claim judged at (x, y) over several seeds. */
export interface RegimeMapCell {
  readonly x: number | string;
  readonly y: number | string;
  readonly runs: number;
  readonly passes: number;
  readonly passRate: number | null;
  readonly interval: [number, number] | null;
  /** Added when refining near the boundary between holding and failing cells. */
  readonly refined: boolean;
  /** The command that reproduces the cell's runs (`npx theorycheck explore ...`). */
  readonly replay?: string;
}

/** A phase diagram: where a claim holds and where it fails over two parameters. */
export interface RegimeMap {
  readonly claimId: string;
  readonly title: string;
  readonly x: string;
  readonly y: string;
  /** Parameters held fixed (or drawn) while x and y vary, in words. */
  readonly rest: Record<string, string>;
  readonly cells: RegimeMapCell[];
  /** The claim's stated conditions drawn on the map: a labelled curve or line each. */
  readonly conditions: { label: string; points: { x: number; y: number }[] }[];
  /** Per failure: which parameters can vary without the failure going away. */
  readonly sensitivity?: { params: Record<string, unknown>; free: string[]; essential: string[] }[];
  readonly durationMs: number;
  /** Put this map among its paper's headline figures. */
  readonly headline?: Headline;
}

/** A reproduced experiment (e.g. the MNIST noise sweep): a table, charts, optional images. */
export interface ExperimentReport {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly columns: string[];
  readonly rows: (number | string | null)[][];
  /** Vega-Lite specs with their data inline; rendered to SVG by the report. */
  readonly charts: { title: string; spec: Record<string, unknown> }[];
  /** Grayscale images (e.g. filters as 28×28), values in any range; the report normalizes them. */
  readonly images?: { label: string; width: number; height: number; pixels: number[] }[];
  /** Put this experiment's first chart among its paper's headline figures. */
  readonly headline?: Headline;
}

/** Everything a report shows; results.json is this object. */
export interface ResultsFile {
  readonly claims: ClaimResult[];
  readonly provenance: RunProvenance;
  readonly maps?: RegimeMap[];
  readonly experiments?: ExperimentReport[];
  readonly corpus?: CorpusReplay[];
}
