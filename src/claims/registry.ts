import type { Claim } from './claim.ts';
import type { Study } from './study.ts';
import { InputError } from '../parameters/validation.ts';

/**
 * The claims and studies one run knows, by paper. The core never looks claims up anywhere else:
 * the CLI builds a registry from the built-in papers (properties/) or from `--claims` modules
 * and hands it to the commands.
 */
export interface ClaimRegistry {
  readonly claims: readonly Claim<any, any>[];
  readonly studies: readonly Study[];
  /** Paper id → its claims, in registration order. */
  readonly claimsByPaper: Readonly<Record<string, readonly Claim<any, any>[]>>;
  /** Paper id → its studies (a study belongs to the paper its id starts with). */
  readonly studiesByPaper: Readonly<Record<string, readonly Study[]>>;
  find(id: string): Claim<any, any> | undefined;
  /** The claim with this id; an unknown id is an InputError listing the known ones. */
  require(id: string): Claim<any, any>;
}

function paperOf(id: string): string {
  return id.split('/')[0];
}

/**
 * A registry of these claims and studies; two claims (or two studies) with one id are an
 * InputError naming the id (and `source`, when given, e.g. the module they came from).
 */
export function createRegistry(claims: readonly Claim<any, any>[], studies: readonly Study[] = [], source?: string): ClaimRegistry {
  const where = source ? ` in ${source}` : '';
  const byId = new Map<string, Claim<any, any>>();
  for (const claim of claims) {
    if (byId.has(claim.id)) throw new InputError(`duplicate claim id "${claim.id}"${where}`);
    byId.set(claim.id, claim);
  }
  const studyIds = new Set<string>();
  for (const study of studies) {
    if (studyIds.has(study.id)) throw new InputError(`duplicate study id "${study.id}"${where}`);
    studyIds.add(study.id);
  }
  const claimsByPaper: Record<string, Claim<any, any>[]> = {};
  for (const claim of claims) (claimsByPaper[claim.paper?.id ?? paperOf(claim.id)] ??= []).push(claim);
  const studiesByPaper: Record<string, Study[]> = {};
  for (const study of studies) (studiesByPaper[paperOf(study.id)] ??= []).push(study);
  return {
    claims,
    studies,
    claimsByPaper,
    studiesByPaper,
    find: (id) => byId.get(id),
    require(id) {
      const claim = byId.get(id);
      if (!claim) throw new InputError(`unknown claim "${id}"; known claims: ${claims.map((c) => c.id).join(', ') || 'none'}`);
      return claim;
    },
  };
}
