import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { packageVersion } from '../../cache/engineVersion.ts';
import { InputError } from '../../parameters/validation.ts';
import { EXIT_OK } from '../errors.ts';
import { initTemplates } from './initTemplates.ts';

/**
 * Writes a claims project into `directory` (created if missing). A directory that is not empty
 * is refused with an InputError unless `force`; then the scaffold's files are overwritten and
 * everything else is left alone.
 */
export function initProject(directory: string, force = false): string[] {
  const root = resolve(directory);
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new InputError(`init: ${directory} is not a directory`);
    if (readdirSync(root).length && !force)
      throw new InputError(`init: directory ${directory} is not empty (use --force to write the scaffold into it)`);
  }
  const name =
    basename(root)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'my-claims';
  const files = initTemplates(packageVersion(), name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return Object.keys(files);
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .argument('[dir]', 'where to create the project', '.')
    .description('scaffold a claims project: package.json, vitest config with the reporter, two example claims, a README')
    .option('--force', 'write into a directory that is not empty')
    .action((dir: string, options: { force?: boolean }) => {
      const written = initProject(dir, options.force);
      process.stdout.write(`wrote ${written.length} files into ${dir}; next: cd ${dir} && npm install && npx vitest run\n`);
      program.setOptionValue('exitCode', EXIT_OK);
    });
}
