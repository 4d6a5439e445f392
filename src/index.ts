/**
 * theorycheck's public surface, by pipeline stage:
 * parameters → data → models → compute → training → measures → claims → report.
 * Nothing outside this module (and `theorycheck/vitest`) is public.
 */

// parameters: readable grids that are at once fast-check arbitraries, explorer axes and CLI parsers.
export { grid, integers, linear, logarithmic, fixed, choice, domainArbitrary } from './parameters/parameter.ts';
export type { ParameterValue, ParameterSpec, Domain } from './parameters/parameter.ts';
export { InputError, InvalidParameterError } from './parameters/validation.ts';
export { createRng, gaussianArray } from './random/rng.ts';
export type { Rng } from './random/rng.ts';

// data
export { createSignalNoiseModel } from './data/zhang2025/signalNoiseModel.ts';
export type { SignalNoiseModel, SignalNoiseModelParameters, SignalNoiseSample } from './data/zhang2025/signalNoiseModel.ts';
export type { PatchDataset } from './data/patchDataset.ts';

// models
export { createActivation, huberizedRelu, relu, reluPower } from './models/activation.ts';
export type { Activation, ActivationSpec } from './models/activation.ts';
export type { PatchCnnSpec } from './models/patchCnn.ts';
export { initFullyConnected, forward } from './models/fullyConnected.ts';
export type { FullyConnectedSpec, FullyConnectedNet, FullyConnectedActivation, RegressionData } from './models/fullyConnected.ts';

// compute: one backend interface, chosen by name.
export { getBackend, availableBackends, fastestBackend, registerBackend } from './compute/backends.ts';
export { parseBackendRequest, backendRequests } from './compute/backendRequest.ts';
export type { BackendRequest } from './compute/backendRequest.ts';
export type { ComputeBackend, BackendName, PatchCnnProblem, PatchCnnTrainer } from './compute/backend.ts';

// training: divergence is a status, not an exception.
export { trainPatchCnn } from './training/patchCnnGradientDescent.ts';
export type { TrainingOptions, TrainingResult } from './training/patchCnnGradientDescent.ts';
export { combinedStatus } from './training/trainingStatus.ts';
export type { RunStatus, TrainingStatus } from './training/trainingStatus.ts';
export { trainSquareLoss } from './training/squareLossGradientDescent.ts';
export type { SquareLossTrainingOptions, SquareLossTrainingResult } from './training/squareLossGradientDescent.ts';

// measures
export { stableRank, numericalRank, singularValues, singularValueRatio } from './linalg/stableRank.ts';
export { filterStableRank, dataStableRank, patchStableRank } from './measures/stableRanks.ts';
export { filterAlignment } from './measures/filterAlignment.ts';
export type { FilterAlignment } from './measures/filterAlignment.ts';
export { rankMeasures } from './measures/rankMeasures.ts';
export type { RankMeasures } from './measures/rankMeasures.ts';

// claims: the claim abstraction, the runner, registries, studies, the explorer and the corpus.
export { defineClaim } from './claims/claim.ts';
export type {
  Claim,
  ClaimParameters,
  Measured,
  MeasuredValue,
  MeasureContext,
  Judgement,
  FailureRegime,
  ClaimExample,
  PaperReference,
  Provenance,
  ConditionCurve,
  ExploreAxis,
} from './claims/claim.ts';
export { defineStudy } from './claims/study.ts';
export type { Study, StudyContext, StudyOutput } from './claims/study.ts';
export { runClaim, runOnce, regimesOf, budgetFor, HOLDING_DOMAIN } from './claims/runClaim.ts';
export type { RunClaimOptions } from './claims/runClaim.ts';
export type { ClaimResult, RunRecord, Counterexample, Verdict, RunOutcome } from './claims/result.ts';
export { profiles, profileDefaults, parseProfile } from './claims/profile.ts';
export type { Profile, RunBudget } from './claims/profile.ts';
export { createRegistry } from './claims/registry.ts';
export type { ClaimRegistry } from './claims/registry.ts';
export { explore } from './explore/explore.ts';
export type { ExploreRequest, ExploreOutcome } from './explore/explore.ts';
export { loadCorpus, readCounterexample } from './corpus/store.ts';
export type { StoredCounterexample } from './corpus/store.ts';
export { ResultCache } from './cache/resultCache.ts';
export { readEnvironment } from './config/environment.ts';
export type { Environment, CorpusMode, CacheMode } from './config/environment.ts';
export { defineConfig, loadConfig } from './config/configFile.ts';
export type { TheorycheckConfig } from './config/configFile.ts';

// report: results.json and the self-contained HTML page.
export { writeReport } from './report/writeReport.ts';
export { runResultsFile } from './report/runResults.ts';
export { renderReport } from './report/renderReport.ts';
export type { ResultsFile, RegimeMap, ExperimentReport, CorpusReplay } from './report/reportModel.ts';
