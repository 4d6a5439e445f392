/**
 * JSON that survives a round trip exactly: keys sorted (so equal objects hash equally) and
 * non-finite numbers kept (a margin of -Infinity must come back as -Infinity, not null).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v));
}

export function parseCanonicalJson<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.$number === 'string' ? Number(v.$number) : v,
  ) as T;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
