import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy, parseNpy, readNpy, requireShape, writeNpy } from '../../src/io/npy.ts';
import { InputError } from '../../src/parameters/validation.ts';
import { findNumpy, runPython } from '../peer/python.ts';

/** A .npy with a hand-written header, to build malformed files. */
function handmade(header: string, payload: Uint8Array, version = 1): Uint8Array {
  const prefix = version === 1 ? 10 : 12;
  const padded = Math.ceil((prefix + header.length + 1) / 64) * 64 - prefix;
  const text = header + ' '.repeat(padded - header.length - 1) + '\n';
  const out = new Uint8Array(prefix + padded + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded, true);
  else view.setUint32(8, padded, true);
  out.set(new TextEncoder().encode(text), prefix);
  out.set(payload, prefix + padded);
  return out;
}

const f8 = (values: number[]) => new Uint8Array(Float64Array.from(values).buffer);

describe('.npy reading and writing', () => {
  it('round-trips float64 exactly and float32 to float32 precision, any C-order shape', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 0, max: 1e6 }),
        (shape, seed) => {
          const count = shape.reduce((a, b) => a * b, 1);
          const values = Array.from({ length: count }, (_, i) => Math.sin(seed + i) * 10 ** ((i % 7) - 3));
          const back = parseNpy(encodeNpy(shape, values));
          expect(back.shape).toEqual(shape);
          expect(back.dtype).toBe('<f8');
          expect(Array.from(back.data)).toEqual(values);
          const single = parseNpy(encodeNpy(shape, values, '<f4'));
          expect(Array.from(single.data)).toEqual(Array.from(Float32Array.from(values)));
        },
      ),
      { numRuns: 50, seed: 20261122 },
    );
  });

  it('headers are padded so the data starts at a multiple of 64', () => {
    const bytes = encodeNpy([3, 5], new Array(15).fill(1));
    expect((bytes.length - 15 * 8) % 64).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(10, 80))).toMatch(/^\{'descr': '<f8', 'fortran_order': False, 'shape': \(3, 5\), \}/);
  });

  it('switches to a version 2 header when the header outgrows 65535 bytes', () => {
    const shape = new Array(30_000).fill(1);
    const bytes = encodeNpy(shape, [42]);
    expect(bytes[6]).toBe(2);
    const back = parseNpy(bytes);
    expect(back.shape).toEqual(shape);
    expect(Array.from(back.data)).toEqual([42]);
  });

  it('reads integer and uint8 labels, version 2 headers and unaligned data', () => {
    const labels = parseNpy(
      handmade("{'descr': '|i1', 'fortran_order': False, 'shape': (4,), }", Int8Array.from([1, -1, -1, 1]) as unknown as Uint8Array),
    );
    expect(Array.from(labels.data)).toEqual([1, -1, -1, 1]);
    const bytes = parseNpy(handmade("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", Uint8Array.from([0, 255]), 2));
    expect(Array.from(bytes.data)).toEqual([0, 255]);
    const i8 = parseNpy(
      handmade("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(BigInt64Array.from([-3n, 7n]).buffer)),
    );
    expect(Array.from(i8.data)).toEqual([-3, 7]);
    // A Buffer slice at an odd offset still reads (no aligned typed-array view is assumed).
    const file = encodeNpy([2], [1.5, -2.25]);
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    expect(Array.from(parseNpy(shifted.subarray(1)).data)).toEqual([1.5, -2.25]);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['bad magic', new TextEncoder().encode('PK\x03\x04 this is a zip file, not npy'), /not a \.npy file/],
    ['empty file', new Uint8Array(0), /not a \.npy file/],
    [
      'fortran order',
      handmade("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", f8([1, 2, 3, 4, 5, 6])),
      /fortran_order is True/,
    ],
    [
      'truncated data',
      handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", f8([1, 2, 3, 4, 5])),
      /truncated data: shape \(2, 3\) of '<f8' needs 48 bytes, file has 40/,
    ],
    ['trailing bytes', handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", f8([1, 2, 3])), /8 bytes after the data/],
    ['complex dtype', handmade("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", f8([1, 2])), /unsupported dtype '<c16'/],
    ['string dtype', handmade("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(12)), /unsupported dtype '<U3'/],
    ['object dtype', handmade("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)), /unsupported dtype '\|O'/],
    ['big-endian', handmade("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", f8([1])), /big-endian/],
    ['missing shape', handmade("{'descr': '<f8', 'fortran_order': False, }", f8([1])), /malformed \.npy header/],
    ['bad shape', handmade("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x), }", f8([1, 2])), /malformed shape/],
    [
      'unknown version',
      (() => {
        const b = encodeNpy([1], [1]);
        b[6] = 9;
        return b;
      })(),
      /unsupported \.npy format version 9/,
    ],
    ['truncated header', encodeNpy([1], [1]).subarray(0, 40), /truncated \.npy header/],
  ])('%s is an InputError with a clear message', (_, bytes, message) => {
    expect(() => parseNpy(bytes, 'X.npy')).toThrow(InputError);
    expect(() => parseNpy(bytes, 'X.npy')).toThrow(message);
    expect(() => parseNpy(bytes, 'X.npy')).toThrow(/^X\.npy: /);
  });

  it('a fortran-order vector is the same as C order and is accepted', () => {
    expect(Array.from(parseNpy(handmade("{'descr': '<f8', 'fortran_order': True, 'shape': (3,), }", f8([1, 2, 3]))).data)).toEqual([
      1, 2, 3,
    ]);
  });

  it('requireShape names the file, the content and both shapes', () => {
    const array = parseNpy(encodeNpy([4, 3], new Array(12).fill(0)));
    expect(requireShape(array, 'W0.npy', 'the initial filters', ['2m', 3])).toEqual([4, 3]);
    expect(() => requireShape(array, 'W0.npy', 'the initial filters', ['2m', 5])).toThrow(
      'W0.npy: the initial filters must have shape (2m, 5), got (4, 3)',
    );
    expect(() => requireShape(array, 'X.npy', 'the data X', ['n', 'P', 'd'])).toThrow(
      'X.npy: the data X must have shape (n, P, d), got (4, 3)',
    );
    expect(() => requireShape(array, 'y.npy', 'labels', [4])).toThrow('(4,), got (4, 3)');
  });

  it('readNpy on a missing file is an InputError; writeNpy writes atomically what readNpy reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    expect(() => readNpy(join(dir, 'absent.npy'))).toThrow(/absent\.npy: cannot read \(ENOENT\)/);
    writeNpy(join(dir, 'a.npy'), [2, 2], [1, 2, 3, 4]);
    expect(Array.from(readNpy(join(dir, 'a.npy')).data)).toEqual([1, 2, 3, 4]);
  });

  const numpy = findNumpy();
  describe.skipIf(!numpy.available)(`interoperates with NumPy (${numpy.reason})`, () => {
    it('reads what np.save writes (float32/64, int64, uint8, bool, version 2, non-contiguous source) and np.load reads ours', () => {
      const dir = mkdtempSync(join(tmpdir(), 'npy-numpy-'));
      runPython([
        '-c',
        `
import numpy as np, sys
d = sys.argv[1]
a = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7
np.save(d + '/f8.npy', a)
np.save(d + '/f4.npy', a.astype(np.float32))
np.save(d + '/i8.npy', np.array([1, -1, 1], dtype=np.int64))
np.save(d + '/u1.npy', np.array([0, 1, 255], dtype=np.uint8))
np.save(d + '/b1.npy', np.array([True, False]))
np.save(d + '/t.npy', a.T)  # numpy stores a transposed view as fortran_order True
with open(d + '/v2.npy', 'wb') as f:
    np.lib.format.write_array(f, a, version=(2, 0))
`,
        dir,
      ]);
      const expected = Array.from({ length: 24 }, (_, i) => i / 7);
      expect(readNpy(join(dir, 'f8.npy'))).toEqual({ shape: [2, 3, 4], dtype: '<f8', data: Float64Array.from(expected) });
      expect(Array.from(readNpy(join(dir, 'f4.npy')).data)).toEqual(Array.from(Float32Array.from(expected)));
      expect(Array.from(readNpy(join(dir, 'i8.npy')).data)).toEqual([1, -1, 1]);
      expect(Array.from(readNpy(join(dir, 'u1.npy')).data)).toEqual([0, 1, 255]);
      expect(Array.from(readNpy(join(dir, 'b1.npy')).data)).toEqual([1, 0]);
      expect(Array.from(readNpy(join(dir, 'v2.npy')).data)).toEqual(expected);
      expect(() => readNpy(join(dir, 't.npy'))).toThrow(/fortran_order is True/);

      writeNpy(join(dir, 'ours.npy'), [3, 2], [0.1, 0.2, 0.3, 1e-300, -5, 7]);
      writeNpy(join(dir, 'ours32.npy'), [6], [0.1, 0.2, 0.3, 1e-30, -5, 7], '<f4');
      writeFileSync(join(dir, 'empty.npy'), encodeNpy([0, 3], []));
      const out = runPython([
        '-c',
        `
import numpy as np, sys, json
d = sys.argv[1]
a = np.load(d + '/ours.npy'); b = np.load(d + '/ours32.npy'); e = np.load(d + '/empty.npy')
print(json.dumps([list(a.shape), a.dtype.str, a.ravel().tolist(), b.dtype.str, b.tolist(), list(e.shape)]))
`,
        dir,
      ]);
      expect(JSON.parse(out)).toEqual([
        [3, 2],
        '<f8',
        [0.1, 0.2, 0.3, 1e-300, -5, 7],
        '<f4',
        Array.from(Float32Array.from([0.1, 0.2, 0.3, 1e-30, -5, 7])),
        [0, 3],
      ]);
      expect(readFileSync(join(dir, 'ours.npy')).subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    });
  });
});
