import { InputError } from '../parameters/validation.ts';

export interface JsonLimits {
  /** Deepest nesting of arrays and objects allowed. */
  readonly maxDepth: number;
  /** Longest string (key or value), in characters. */
  readonly maxStringLength: number;
}

/** Limits for the files theorycheck reads: far beyond any file it writes, far below what hurts. */
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxStringLength: 100_000 };

/** "line 3 column 7" of an offset, so a message can point into a file without quoting it. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line} column ${offset - start + 1}`;
}

/**
 * The nesting depth is measured by a scan of the text (strings skipped) before JSON.parse, so a
 * 200,000-deep file is refused in one pass instead of overflowing the stack of whatever walks it.
 */
function checkDepth(text: string, limits: JsonLimits, where: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limits.maxDepth)
        throw new InputError(`${where}: nested deeper than ${limits.maxDepth} levels (at ${lineColumn(text, i)})`);
    } else if (c === 93 || c === 125) depth--;
  }
}

/** The path of a value as `claims[3].title`. */
function pathText(path: readonly (string | number)[]): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p.length > 40 ? `${p.slice(0, 40)}…` : p}`)).join('') ||
    '(top level)'
  );
}

/** Depth is bounded already, so this walk's recursion is too; `path` is one stack, pushed and popped. */
function checkStrings(value: unknown, limits: JsonLimits, where: string, path: (string | number)[]): void {
  if (typeof value === 'string') {
    if (value.length > limits.maxStringLength)
      throw new InputError(
        `${where}: field ${pathText(path)}: a string of ${value.length} characters, more than the ${limits.maxStringLength} allowed`,
      );
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item === 'number' || typeof item === 'boolean') continue;
      path.push(i);
      checkStrings(item, limits, where, path);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (key.length > limits.maxStringLength)
        throw new InputError(
          `${where}: a key of ${key.length} characters at ${pathText(path)}, more than the ${limits.maxStringLength} allowed`,
        );
      // Copied into a plain object (as zod's records do), "__proto__" would set its prototype instead of a field, and vanish from every later check.
      if (key === '__proto__') throw new InputError(`${where}: field ${pathText([...path, key])}: the key "__proto__" is not allowed`);
      path.push(key);
      checkStrings((value as Record<string, unknown>)[key], limits, where, path);
      path.pop();
    }
  }
}

/**
 * JSON.parse with bounded nesting and string lengths. `where` ("malformed results file x.json")
 * prefixes every InputError; a syntax error gives its line and column, never the file's content.
 */
export function parseBoundedJson(text: string, where: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): unknown {
  checkDepth(text, limits, where);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const at = position ? ` at ${lineColumn(text, Number(position[1]))}` : /end of JSON input/.test(message) ? ' (it ends early)' : '';
    throw new InputError(`${where}: not valid JSON${at}`);
  }
  checkStrings(value, limits, where, []);
  return value;
}
