import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { InputError } from '../parameters/validation.ts';
import { profiles, type Profile } from '../claims/profile.ts';

/** What a `theorycheck.config.ts` (or `.js`, `.mjs`, `.json`) may say; flags override it. */
export interface TheorycheckConfig {
  /** Modules whose exports are claims, studies or arrays of them, relative to the config file. */
  readonly claims?: readonly string[];
  /** Where `verify` and `explore` write results.json and index.html (default reports/). */
  readonly reportDirectory?: string;
  /** The budget profile when no --profile is given (default ci). */
  readonly profile?: Profile;
  /** Where stored counterexamples live (default fixtures/counterexamples/). */
  readonly corpusDirectory?: string;
}

/** A loaded configuration, its paths made absolute. */
export interface LoadedConfig {
  readonly path: string;
  readonly config: TheorycheckConfig;
}

/** File names looked for in the working directory, in this order. */
export const configFileNames = [
  'theorycheck.config.ts',
  'theorycheck.config.mts',
  'theorycheck.config.js',
  'theorycheck.config.mjs',
  'theorycheck.config.json',
] as const;

const configSchema = z.strictObject({
  claims: z.array(z.string().min(1)).optional(),
  reportDirectory: z.string().min(1).optional(),
  profile: z.enum(profiles as [Profile, ...Profile[]]).optional(),
  corpusDirectory: z.string().min(1).optional(),
});

/** Types a config file's default export: `export default defineConfig({ claims: ['properties/index.ts'] })`. */
export function defineConfig(config: TheorycheckConfig): TheorycheckConfig {
  return config;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * Finds and validates the config file in `directory`; none there is `null`. A file that does not
 * parse, throws on import or has a bad field is an InputError naming the file and the field.
 */
export async function loadConfig(directory: string = process.cwd()): Promise<LoadedConfig | null> {
  const name = configFileNames.find((candidate) => existsSync(join(directory, candidate)));
  if (!name) return null;
  const path = join(directory, name);
  let raw: unknown;
  try {
    if (name.endsWith('.json')) raw = JSON.parse(await readFile(path, 'utf8'));
    else {
      const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
      raw = module.default;
    }
  } catch (error) {
    throw new InputError(`config ${name}: ${name.endsWith('.json') ? 'not valid JSON' : 'threw on import'} (${firstLine(error)})`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : '(default export)';
    throw new InputError(`config ${name}: field ${field}: ${issue.message}`);
  }
  const base = dirname(path);
  const absolute = (p: string | undefined) => (p === undefined ? undefined : resolve(base, p));
  const config = parsed.data;
  return {
    path,
    config: {
      ...config,
      claims: config.claims?.map((m) => relative(directory, resolve(base, m)) || m),
      reportDirectory: absolute(config.reportDirectory),
      corpusDirectory: absolute(config.corpusDirectory),
    },
  };
}
