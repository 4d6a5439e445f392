import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Claim } from '../claims/claim.ts';
import type { Study } from '../claims/study.ts';
import { type ClaimRegistry, createRegistry } from '../claims/registry.ts';
import { claimProblem, isClaimLike, isStudyLike, studyProblem } from '../claims/validateClaim.ts';
import { InputError } from '../parameters/validation.ts';

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** The claims and studies among a module's exports (each export a claim, a study or an array of them). */
function collect(spec: string, exports: Record<string, unknown>): { claims: Claim<any, any>[]; studies: Study[] } {
  const claims = new Set<Claim<any, any>>();
  const studies = new Set<Study>();
  for (const [name, value] of Object.entries(exports)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isClaimLike(item)) {
        const problem = claimProblem(item);
        if (problem) throw new InputError(`claims module ${spec}: export ${name}: claim ${problem}`);
        claims.add(item as Claim<any, any>);
      } else if (isStudyLike(item)) {
        const problem = studyProblem(item);
        if (problem) throw new InputError(`claims module ${spec}: export ${name}: study ${problem}`);
        studies.add(item as Study);
      }
    }
  }
  return { claims: [...claims], studies: [...studies] };
}

/**
 * Imports `--claims` modules (paths relative to `cwd`; TypeScript ones load through tsx, which
 * the CLI registers) and builds one registry from their exports. A module that does not exist,
 * throws on import or exports no claim or study, and an id defined twice, are each an InputError
 * naming the module and the problem.
 */
export async function loadClaimModules(specs: readonly string[], cwd: string = process.cwd()): Promise<ClaimRegistry> {
  const claims: Claim<any, any>[] = [];
  const studies: Study[] = [];
  const origin = new Map<string, string>();
  for (const spec of specs) {
    const path = resolve(cwd, spec);
    if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`claims module ${spec}: not found (looked for ${path})`);
    let exports: Record<string, unknown>;
    try {
      exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      throw new InputError(`claims module ${spec}: threw on import: ${firstLine(error)}`);
    }
    const found = collect(spec, exports);
    if (!found.claims.length && !found.studies.length)
      throw new InputError(`claims module ${spec}: exports no claim or study (export claims made with defineClaim, or an array of them)`);
    for (const item of [...found.claims, ...found.studies]) {
      const key = `${isStudyLike(item) && !isClaimLike(item) ? 'study' : 'claim'} ${item.id}`;
      const first = origin.get(key);
      if (first !== undefined && !claims.includes(item as Claim<any, any>) && !studies.includes(item as Study)) {
        throw new InputError(
          `claims module ${spec}: duplicate ${key.replace(' ', ' id "')}"${first === spec ? '' : ` (also in ${first})`}`,
        );
      }
      origin.set(key, spec);
    }
    for (const claim of found.claims) if (!claims.includes(claim)) claims.push(claim);
    for (const study of found.studies) if (!studies.includes(study)) studies.push(study);
  }
  return createRegistry(claims, studies, specs.join(', '));
}
