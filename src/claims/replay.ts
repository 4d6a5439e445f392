import type { ClaimParameters } from './claim.ts';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The one-line command that reproduces one run exactly (same parameters, seed and backend). */
export function replayCommand(claimId: string, params: ClaimParameters & { seed: number }, backend: string): string {
  return `npx theorycheck reproduce ${claimId} --params ${shellQuote(JSON.stringify(params))} --backend ${backend}`;
}
