import { createRequire } from 'node:module';
import { GPU } from 'gpu.js';

/** The gpu.js modes theorycheck tries, best first. */
export type GpuJsMode = 'webgpu' | 'headlessgl' | 'webasm';

export interface ModeProbe {
  readonly mode: GpuJsMode;
  /** Whether the synchronous trainer can run kernels in this mode here. */
  readonly usable: boolean;
  /** Why not, in one line (or, for a usable mode, what it found). */
  readonly reason: string;
}

/** The GPU modes: the ones worth timing against the native kernel. */
export const gpuModes: readonly GpuJsMode[] = ['webgpu', 'headlessgl'];

const requireFromGpuJs = createRequire(createRequire(import.meta.url).resolve('gpu.js'));

const firstLine = (error: unknown) => String(error instanceof Error ? error.message : error).split('\n')[0];

/**
 * WebGPU: gpu.js runs its WebGPU kernels asynchronously only (run() returns a promise), and the
 * trainer's step is synchronous, so the mode is never usable by the trainer yet; `adapter` says
 * whether there would be a device to run on (from the async probe, when it ran).
 */
function webgpuProbe(adapter?: string): ModeProbe {
  const why = 'gpu.js runs WebGPU kernels asynchronously only and the trainer steps synchronously';
  return { mode: 'webgpu', usable: false, reason: adapter ? `${adapter}, but ${why}` : why };
}

/** headless GL: the optional `gl` package (not a dependency: see docs/performance.md) and a context it can open. */
function headlessGlProbe(): ModeProbe {
  try {
    requireFromGpuJs('gl');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    return {
      mode: 'headlessgl',
      usable: false,
      reason: missing
        ? 'the optional package gl is not installed (npm install gl builds it against X11/GL headers)'
        : `gl failed to load: ${firstLine(error)}`,
    };
  }
  try {
    if (GPU.isHeadlessGLSupported) return { mode: 'headlessgl', usable: true, reason: 'gl opened a context' };
  } catch (error) {
    return { mode: 'headlessgl', usable: false, reason: `gl could not open a context: ${firstLine(error)}` };
  }
  return { mode: 'headlessgl', usable: false, reason: 'gl loaded but could not open a context (no GPU or display)' };
}

function webasmProbe(): ModeProbe {
  return GPU.isWebAssemblySupported
    ? { mode: 'webasm', usable: true, reason: 'WebAssembly available (CPU)' }
    : { mode: 'webasm', usable: false, reason: 'WebAssembly not supported by this Node' };
}

/** What the backend can use, best first, without waiting on anything (backend creation is synchronous). */
export function probeModesSync(): ModeProbe[] {
  return [webgpuProbe(), headlessGlProbe(), webasmProbe()];
}

/** Like probeModesSync, and asks the `webgpu` package (Dawn) for an adapter, to say whether a GPU is there at all. */
export async function probeModes(): Promise<ModeProbe[]> {
  let adapter: string;
  try {
    const { create } = (await import('webgpu')) as unknown as {
      create(flags: string[]): { requestAdapter(): Promise<{ info?: { vendor?: string; device?: string; description?: string } } | null> };
    };
    const found = await create([]).requestAdapter();
    adapter = found
      ? `WebGPU adapter ${[found.info?.vendor, found.info?.device, found.info?.description].filter(Boolean).join(' ') || 'found'}`
      : 'no WebGPU adapter (no GPU or driver)';
  } catch (error) {
    adapter = `the webgpu package (Dawn) failed to load: ${firstLine(error)}`;
  }
  return [webgpuProbe(adapter), headlessGlProbe(), webasmProbe()];
}

/** The first usable mode, or undefined. */
export function chosenMode(probes: readonly ModeProbe[]): GpuJsMode | undefined {
  return probes.find((p) => p.usable)?.mode;
}

/** One line per mode that did not run: "webgpu: …; headlessgl: …". */
export function whyNot(probes: readonly ModeProbe[], chosen: GpuJsMode | undefined): string {
  return probes
    .filter((p) => p.mode !== chosen)
    .map((p) => `${p.mode}: ${p.reason}`)
    .join('; ');
}
