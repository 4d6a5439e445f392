import { createRequire } from 'node:module';
import { GPU, HeadlessGLKernel } from 'gpu.js';

/** The gpu.js modes theorycheck tries, best first. */
export type GpuJsMode = 'webgpu' | 'headlessgl' | 'webasm';

export interface ModeProbe {
  readonly mode: GpuJsMode;
  /** Whether the synchronous trainer can run kernels in this mode here. */
  readonly usable: boolean;
  /** Why not, in one line (or, for a usable mode, what it found). */
  readonly reason: string;
  /** headless GL with a context: what gl reports, e.g. "ANGLE (Mesa/X.org llvmpipe (…) OpenGL 4.5 core), WebGL 1.0 stack-gl 8.1.6". */
  readonly renderer?: string;
  /** The renderer is a software rasterizer (llvmpipe, SwiftShader, …): the kernels run on the CPU, not a GPU. */
  readonly software?: boolean;
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

/** A minimal view of a WebGL context from the `gl` package. */
interface GlContext {
  readonly RENDERER: number;
  readonly VERSION: number;
  getParameter(name: number): unknown;
  /** gl's own method: the driver's answer, where getParameter masks RENDERER to "ANGLE". */
  _getParameterDirect?(name: number): unknown;
}

/** Renderer names of software rasterizers (Mesa llvmpipe/softpipe/swrast, SwiftShader, lavapipe, WARP). */
const softwareRenderer = /llvmpipe|softpipe|swrast|swiftshader|lavapipe|software|basic render/i;

/**
 * What an open gl context says it runs on: the driver's renderer string through ANGLE (gl's
 * public getParameter(RENDERER) answers only "ANGLE") and gl's WebGL version string. Only what
 * gl reports: no process is spawned, nothing else is asked.
 */
export function describeGlContext(context: GlContext): { renderer: string; software: boolean } {
  const read = (name: number, direct: boolean): string => {
    try {
      const value =
        direct && typeof context._getParameterDirect === 'function' ? context._getParameterDirect(name) : context.getParameter(name);
      return typeof value === 'string' ? value : '';
    } catch {
      return '';
    }
  };
  const renderer = read(context.RENDERER, true) || read(context.RENDERER, false) || 'unknown renderer';
  const version = read(context.VERSION, false);
  return { renderer: version ? `${renderer}, ${version}` : renderer, software: softwareRenderer.test(renderer) };
}

/** headless GL: the optional `gl` package (gpu.js's optionalDependency, built from source at install) and a context it can open. */
function headlessGlProbe(): ModeProbe {
  try {
    requireFromGpuJs('gl');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    return {
      mode: 'headlessgl',
      usable: false,
      reason: missing
        ? 'the optional package gl is not installed (npm drops it when its source build fails: it needs the X11/GL headers, see docs/performance.md)'
        : `gl is installed but failed to load: ${firstLine(error)}`,
    };
  }
  let supported: boolean;
  try {
    supported = GPU.isHeadlessGLSupported;
  } catch (error) {
    return { mode: 'headlessgl', usable: false, reason: `gl is installed but could not open a context: ${firstLine(error)}` };
  }
  if (!supported) {
    const display = process.env.DISPLAY;
    return {
      mode: 'headlessgl',
      usable: false,
      reason: display
        ? `gl is installed but could not open a context on DISPLAY=${display} (no working GLX driver there)`
        : 'gl is installed but could not open a context: no X display (DISPLAY is not set; run under xvfb-run -a, or where a display exists)',
    };
  }
  // gpu.js opened this context to test for support; it keeps it, so reading it costs nothing.
  const context = (HeadlessGLKernel as unknown as { testContext: GlContext | null }).testContext;
  if (!context) return { mode: 'headlessgl', usable: true, reason: 'gl opened a context' };
  const { renderer, software } = describeGlContext(context);
  return {
    mode: 'headlessgl',
    usable: true,
    reason: `gl opened a context: ${renderer}${software ? ', a software rasterizer (the CPU, not a GPU)' : ''}`,
    renderer,
    software,
  };
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

/** One line per mode that did not run: "webgpu: …; headlessgl: …" (a usable one that ranks below the chosen one says so). */
export function whyNot(probes: readonly ModeProbe[], chosen: GpuJsMode | undefined): string {
  return probes
    .filter((p) => p.mode !== chosen)
    .map((p) => `${p.mode}: ${p.usable && chosen ? `usable, but ${chosen} ranks first` : p.reason}`)
    .join('; ');
}
