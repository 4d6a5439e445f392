// One rendering of a value for every place that shows one: error lines quote it exactly, reports round it.

/** Numbers as a reader wants them: integers whole, others to 4 significant digits. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}

/**
 * A parameter or measured value in one short line. `readable` (reports): numbers as
 * {@link formatNumber} writes them, arrays as their shape. `exact` (error messages): the value as
 * given, strings quoted, numbers and arrays in full.
 */
export function formatValue(value: unknown, style: 'readable' | 'exact' = 'readable'): string {
  if (typeof value === 'number') return style === 'exact' ? String(value) : formatNumber(value);
  if (typeof value === 'string') return style === 'exact' ? JSON.stringify(value) : value;
  if (style === 'readable' && Array.isArray(value)) {
    const depth = Array.isArray(value[0]) ? `${value.length}×${(value[0] as unknown[]).length}` : `${value.length}`;
    return `[${depth} values]`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
