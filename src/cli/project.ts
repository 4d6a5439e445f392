import type { Command } from 'commander';
import type { ClaimRegistry } from '../claims/registry.ts';
import type { Profile } from '../claims/profile.ts';
import { parseProfile } from '../claims/profile.ts';
import { type Environment, readEnvironment } from '../config/environment.ts';
import { loadConfig, type TheorycheckConfig } from '../config/configFile.ts';
import { InputError } from '../parameters/validation.ts';
import { loadClaimModules } from './claimModules.ts';
import { collect } from './options.ts';

/** What the program that starts the CLI supplies: bin/theorycheck.mjs in a clone passes the built-in papers. */
export interface CliHost {
  /** The claims used when neither --claims nor a config file names any. */
  readonly builtin?: () => Promise<ClaimRegistry>;
  /** Where the built-in claims' counterexamples are committed (the clone's fixtures/counterexamples), whatever the working directory. */
  readonly builtinCorpusDirectory?: string;
  /** The URL of the module whose `builtinRegistry` export `builtin` returns, so that worker processes load the same claims. */
  readonly builtinModule?: string;
}

/** Where a registry came from, as plain data: a `verify` worker process rebuilds the same registry from it. */
export type RegistrySource =
  | { readonly kind: 'modules'; readonly modules: readonly string[]; readonly cwd: string }
  | { readonly kind: 'builtin'; readonly module: string };

/** The registry a source names: the `--claims` modules again, or the host's built-in module's `builtinRegistry`. */
export async function loadRegistry(source: RegistrySource): Promise<ClaimRegistry> {
  if (source.kind === 'modules') return loadClaimModules(source.modules, source.cwd);
  return (await import(source.module)).builtinRegistry as ClaimRegistry;
}

/** One command's view of the project: its claims, configuration and environment. */
export interface Project {
  readonly registry: ClaimRegistry;
  /** How to build the same registry in another process; null when the host's built-in claims name no module. */
  readonly registrySource: RegistrySource | null;
  readonly config: TheorycheckConfig;
  readonly environment: Environment;
  /** THEORYCHECK_CORPUS_DIR, else the config's corpusDirectory, else fixtures/counterexamples/. */
  readonly corpusDirectory: string;
}

/**
 * Builds the registry a command runs: the `--claims` modules when given, else the modules the
 * config file names, else the host's built-in claims. Without any of them it is an InputError
 * saying how to name claims.
 */
export async function openProject(host: CliHost, claimModules: readonly string[] | undefined): Promise<Project> {
  const environment = readEnvironment();
  const loaded = await loadConfig();
  const config = loaded?.config ?? {};
  const modules = claimModules?.length ? claimModules : config.claims;
  let registry: ClaimRegistry;
  let registrySource: RegistrySource | null;
  let defaultCorpus = environment.corpusDirectory;
  if (modules?.length) {
    registry = await loadClaimModules(modules);
    registrySource = { kind: 'modules', modules: [...modules], cwd: process.cwd() };
  } else if (host.builtin) {
    registry = await host.builtin();
    registrySource = host.builtinModule ? { kind: 'builtin', module: host.builtinModule } : null;
    defaultCorpus = host.builtinCorpusDirectory ?? defaultCorpus;
  } else throw new InputError('no claims to run: give --claims <module> or name modules in theorycheck.config.ts (`claims: [...]`)');
  const corpusDirectory = environment.corpusDirectoryGiven ? environment.corpusDirectory : (config.corpusDirectory ?? defaultCorpus);
  return { registry, registrySource, config, environment, corpusDirectory };
}

/** A flag's value unless it was left at its default, in which case the config's value, if any. */
function flagOrConfig<T>(command: Command, flag: string, value: T, configured: T | undefined): T {
  return command.getOptionValueSource(flag) === 'default' && configured !== undefined ? configured : value;
}

/** --out, or the config's reportDirectory when --out was not given. */
export function reportDirectoryOf(project: Project, command: Command, out: string): string {
  return flagOrConfig(command, 'out', out, project.config.reportDirectory);
}

/** --profile, or the config's profile when --profile was not given. */
export function profileOf(project: Project, command: Command, profile: string): Profile {
  return flagOrConfig(command, 'profile', parseProfile(profile), project.config.profile);
}

/** The repeatable --claims option every command that runs claims takes. */
export function addClaimsOption(command: Command): Command {
  return command.option('--claims <module>', 'run the claims this module exports instead of the built-in papers (repeatable)', collect);
}
