import { InputError } from '../parameters/validation.ts';
import { readRegularFileIfPresent } from './readRegularFile.ts';
import { writeFileAtomic } from '../report/atomicWrite.ts';

/**
 * NumPy .npy files (format versions 1, 2 and 3), C order, little-endian numbers only: what
 * `np.save` writes on every machine theorycheck runs on. Values are widened to float64.
 */
export interface NpyArray {
  readonly shape: number[];
  /** The dtype as stored, e.g. '<f8', '<f4', '|u1'. */
  readonly dtype: string;
  readonly data: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface DtypeReader {
  readonly size: number;
  read(view: DataView, offset: number): number;
}

const readers: Record<string, DtypeReader> = {
  f8: { size: 8, read: (v, o) => v.getFloat64(o, true) },
  f4: { size: 4, read: (v, o) => v.getFloat32(o, true) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => v.getUint8(o) },
  i2: { size: 2, read: (v, o) => v.getInt16(o, true) },
  u2: { size: 2, read: (v, o) => v.getUint16(o, true) },
  i4: { size: 4, read: (v, o) => v.getInt32(o, true) },
  u4: { size: 4, read: (v, o) => v.getUint32(o, true) },
  i8: { size: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  u8: { size: 8, read: (v, o) => Number(v.getBigUint64(o, true)) },
};

function dtypeReader(descr: string, name: string): DtypeReader {
  const match = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  const reader = match ? readers[match[2] + match[3]] : undefined;
  if (!match || !reader) {
    throw new InputError(`${name}: unsupported dtype '${descr}' (supported: float32, float64, int8-64, uint8-64, bool)`);
  }
  const order = match[1];
  if (order === '>' && reader.size > 1)
    throw new InputError(`${name}: big-endian dtype '${descr}' is not supported; save it little-endian (e.g. arr.astype('<f8'))`);
  return reader;
}

/** Reads the header dict literal, e.g. {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }. */
function parseHeader(text: string, name: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new InputError(
      `${name}: malformed .npy header (expected 'descr', 'fortran_order' and 'shape'): ${JSON.stringify(text.trim().slice(0, 120))}`,
    );
  }
  const parts = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const shape = parts.map((s) => {
    if (!/^\d+L?$/.test(s)) throw new InputError(`${name}: malformed shape (${shapeText}) in .npy header`);
    return Number.parseInt(s, 10);
  });
  return { descr, fortranOrder: fortran === 'True', shape };
}

/** The default cap on the numbers one .npy may hold (2·10⁸, 1.6 GB as float64). */
export const DEFAULT_NPY_MAX_ELEMENTS = 200_000_000;

export interface NpyLimits {
  /** The most numbers the array may hold: the file size and the header's shape are checked against it before anything is allocated. */
  readonly maxElements?: number;
}

/** Parses the bytes of a .npy file; `name` (the path) prefixes every error. */
export function parseNpy(bytes: Uint8Array, name = 'npy', limits: NpyLimits = {}): NpyArray {
  const maxElements = limits.maxElements ?? DEFAULT_NPY_MAX_ELEMENTS;
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new InputError(`${name}: not a .npy file (missing the \\x93NUMPY magic string)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major !== 1 && major !== 2 && major !== 3)
    throw new InputError(`${name}: unsupported .npy format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0)`);
  const headerLengthSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + headerLengthSize) throw new InputError(`${name}: truncated .npy header`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + headerLengthSize + headerLength;
  if (bytes.length < dataOffset)
    throw new InputError(
      `${name}: truncated .npy header (declares ${headerLength} bytes, file has ${bytes.length - 8 - headerLengthSize})`,
    );
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + headerLengthSize, dataOffset));
  const { descr, fortranOrder, shape } = parseHeader(header, name);
  if (fortranOrder && shape.filter((s) => s > 1).length > 1) {
    throw new InputError(`${name}: fortran_order is True; only C-order arrays are supported (save np.ascontiguousarray(arr))`);
  }
  const reader = dtypeReader(descr, name);
  const count = shape.reduce((a, b) => a * b, 1);
  if (!(count <= maxElements))
    throw new InputError(
      `${name}: shape (${shape.join(', ')}) holds ${count.toExponential(2)} numbers, more than the ${maxElements} allowed (raise --max-elements)`,
    );
  const expectedBytes = count * reader.size;
  const available = bytes.length - dataOffset;
  if (available < expectedBytes) {
    throw new InputError(
      `${name}: truncated data: shape (${shape.join(', ')}) of '${descr}' needs ${expectedBytes} bytes, file has ${available}`,
    );
  }
  if (available > expectedBytes) {
    throw new InputError(
      `${name}: ${available - expectedBytes} bytes after the data of shape (${shape.join(', ')}) '${descr}'; the header does not match the data`,
    );
  }
  const data = new Float64Array(count);
  if (descr.endsWith('f8') && dataOffset % 8 === 0 && (bytes.byteOffset + dataOffset) % 8 === 0) {
    data.set(new Float64Array(bytes.buffer, bytes.byteOffset + dataOffset, count));
  } else {
    for (let i = 0; i < count; i++) data[i] = reader.read(view, dataOffset + i * reader.size);
  }
  return { shape, dtype: descr, data };
}

/** The header of a .npy is at most this long (format 2/3 allow 4 GiB; numpy writes a few hundred bytes). */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * Reads a .npy file: only a regular file (a FIFO or /dev/zero is refused from its stat, never
 * read), at most `maxElements` numbers of 8 bytes plus a header, checked before reading.
 */
export function readNpy(path: string, limits: NpyLimits = {}): NpyArray {
  const maxElements = limits.maxElements ?? DEFAULT_NPY_MAX_ELEMENTS;
  const bytes = readRegularFileIfPresent(path, { what: '.npy file', maxBytes: maxElements * 8 + MAX_HEADER_BYTES });
  if (bytes === null) throw new InputError(`${path}: cannot read (ENOENT)`);
  return parseNpy(bytes, path, limits);
}

/**
 * Encodes a C-order array as a version 1.0 .npy (version 2.0 when the header needs it), float64
 * by default, float32 on request; the header is padded so the data starts at a multiple of 64.
 */
export function encodeNpy(shape: readonly number[], data: ArrayLike<number>, dtype: '<f8' | '<f4' = '<f8'): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new RangeError(`encodeNpy: ${data.length} values for shape (${shape.join(', ')})`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  let major = 1;
  let prefix = 10;
  let padded = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
  if (padded > 0xffff) {
    major = 2;
    prefix = 12;
    padded = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
  }
  const header = dict + ' '.repeat(padded - dict.length - 1) + '\n';
  const size = dtype === '<f8' ? 8 : 4;
  const out = new Uint8Array(prefix + padded + count * size);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, padded, true);
  else view.setUint32(8, padded, true);
  out.set(new TextEncoder().encode(header), prefix);
  const offset = prefix + padded;
  for (let i = 0; i < count; i++) {
    if (size === 8) view.setFloat64(offset + i * 8, data[i], true);
    else view.setFloat32(offset + i * 4, data[i], true);
  }
  return out;
}

/** Writes a .npy so that readers never see a half-written file. */
export function writeNpy(path: string, shape: readonly number[], data: ArrayLike<number>, dtype: '<f8' | '<f4' = '<f8'): void {
  writeFileAtomic(path, encodeNpy(shape, data, dtype));
}

/**
 * Checks an array's shape: numbers must match, names ('n', 'd') match any size and appear in
 * the message, which names the file, what it holds and the shape expected.
 */
export function requireShape(array: NpyArray, name: string, what: string, expected: readonly (number | string)[]): number[] {
  const describe = (dims: readonly (number | string)[]) => `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
  const ok = array.shape.length === expected.length && expected.every((e, i) => typeof e === 'string' || e === array.shape[i]);
  if (!ok) throw new InputError(`${name}: ${what} must have shape ${describe(expected)}, got ${describe(array.shape)}`);
  return array.shape;
}
