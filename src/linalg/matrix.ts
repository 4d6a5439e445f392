/**
 * Dense row-major float64 matrix. Kept deliberately small: the heavy products of training
 * live in the compute backends; this type serves measurements and reference code.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  if (data && data.length !== rows * cols) {
    throw new RangeError(`matrix: data has ${data.length} entries, expected rows*cols = ${rows * cols}`);
  }
  return { rows, cols, data: data ? Float64Array.from(data) : new Float64Array(rows * cols) };
}

export function toRows(a: Matrix): number[][] {
  return Array.from({ length: a.rows }, (_, i) => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
}

export function transpose(a: Matrix): Matrix {
  const out = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`multiply: shapes ${a.rows}x${a.cols} and ${b.rows}x${b.cols} do not chain`);
  const out = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    const outRow = i * b.cols;
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      const bRow = k * b.cols;
      for (let j = 0; j < b.cols; j++) out.data[outRow + j] += aik * b.data[bRow + j];
    }
  }
  return out;
}

/** A Bᵀ (a.rows × b.rows): entry (i, k) is the dot product of row i of A with row k of B, summed over j in order. */
export function multiplyTransposed(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols)
    throw new RangeError(`multiplyTransposed: shapes ${a.rows}x${a.cols} and ${b.rows}x${b.cols} (transposed) do not chain`);
  const d = a.cols;
  const out = matrix(a.rows, b.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < b.rows; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += a.data[i * d + j] * b.data[k * d + j];
      out.data[i * b.rows + k] = s;
    }
  }
  return out;
}

/** A Aᵀ (rows × rows), symmetric. */
export function gramOfRows(a: Matrix): Matrix {
  const out = matrix(a.rows, a.rows);
  for (let i = 0; i < a.rows; i++) {
    const ri = i * a.cols;
    for (let j = i; j < a.rows; j++) {
      const rj = j * a.cols;
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[ri + k] * a.data[rj + k];
      out.data[i * a.rows + j] = s;
      out.data[j * a.rows + i] = s;
    }
  }
  return out;
}

/** Aᵀ A (cols × cols), symmetric. */
export function gramOfColumns(a: Matrix): Matrix {
  const out = matrix(a.cols, a.cols);
  for (let r = 0; r < a.rows; r++) {
    const base = r * a.cols;
    for (let i = 0; i < a.cols; i++) {
      const v = a.data[base + i];
      if (v === 0) continue;
      for (let j = i; j < a.cols; j++) out.data[i * a.cols + j] += v * a.data[base + j];
    }
  }
  for (let i = 0; i < a.cols; i++) for (let j = 0; j < i; j++) out.data[i * a.cols + j] = out.data[j * a.cols + i];
  return out;
}

/** The smaller of A Aᵀ and Aᵀ A: same nonzero spectrum, less work. */
export function smallerGram(a: Matrix): Matrix {
  return a.rows <= a.cols ? gramOfRows(a) : gramOfColumns(a);
}

export function frobeniusSquared(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i] * a.data[i];
  return s;
}

export function scale(a: Matrix, c: number): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map((v) => v * c) };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** ‖a‖₂ as √⟨a, a⟩: the norm of the linear algebra here (its last bit can differ from {@link hypotNorm}'s). */
export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/**
 * ‖a‖₂ as `Math.hypot` computes it (scaled, so it never overflows). Kept apart from {@link norm}
 * because the two can differ in the last bit, and the callers of each keep their recorded numbers.
 */
export function hypotNorm(a: Float64Array | readonly number[]): number {
  return Math.hypot(...a);
}

/**
 * Removes from `vector`, in place, its component along each row of `basis` in turn (modified
 * Gram–Schmidt against orthonormal rows): s = ⟨v, u_b⟩, then v −= s·u_b, row by row.
 */
export function projectOffRows(vector: Float64Array, basis: Matrix): void {
  const d = basis.cols;
  for (let b = 0; b < basis.rows; b++) {
    const u = basis.data.subarray(b * d, (b + 1) * d);
    let s = 0;
    for (let k = 0; k < d; k++) s += vector[k] * u[k];
    for (let k = 0; k < d; k++) vector[k] -= s * u[k];
  }
}

/** Orthonormalizes rows in order (modified Gram–Schmidt, twice for stability); returns null for a dependent row. */
export function orthonormalizeRows(a: Matrix, relativeTolerance = 1e-10): Matrix | null {
  const out = matrix(a.rows, a.cols, a.data);
  const d = a.cols;
  for (let i = 0; i < a.rows; i++) {
    const ri = out.data.subarray(i * d, (i + 1) * d);
    let original = 0;
    for (let k = 0; k < d; k++) original += ri[k] * ri[k];
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        const rj = out.data.subarray(j * d, (j + 1) * d);
        let s = 0;
        for (let k = 0; k < d; k++) s += ri[k] * rj[k];
        for (let k = 0; k < d; k++) ri[k] -= s * rj[k];
      }
    }
    let length = 0;
    for (let k = 0; k < d; k++) length += ri[k] * ri[k];
    if (!(length > relativeTolerance * relativeTolerance * original) || length === 0) return null;
    length = Math.sqrt(length);
    for (let k = 0; k < d; k++) ri[k] /= length;
  }
  return out;
}
