// WebGPU → WASM fallback, exercised in Node through the environment seam: the
// "GPU" sessions are real onnxruntime sessions that fail the way a GPU does
// (refusing a model at creation, losing the device mid-caption); recovery
// runs on real WASM sessions through the captioner's own fallback code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../scripts/lib/model-dir';
import { syntheticImage, TINY_MODEL } from '../../scripts/lib/test-model';
import { createCaptioner } from './captioner';
import { createOrtSession, type CaptionerEnv, type SessionLike } from './env';
import type { Caption, ExecutionBackend } from './types';

interface Fault {
  /** Session creation on WebGPU throws (e.g. an op the provider lacks). */
  failCreate?: boolean;
  /** Runs on WebGPU sessions that succeed before the device is lost. */
  lostAfterRuns?: number;
  /** WASM runs fail too (nothing left to fall back to). */
  wasmBroken?: boolean;
}

function faultyEnv(fault: Fault) {
  const log = { created: [] as ExecutionBackend[], gpuRuns: 0, gpuReleased: 0 };
  const wrap = (real: SessionLike, run: SessionLike['run'], onRelease = () => {}): SessionLike => ({
    inputNames: real.inputNames,
    outputNames: real.outputNames,
    inputMetadata: real.inputMetadata,
    run,
    release: async () => {
      onRelease();
      await real.release();
    },
  });
  const env: Partial<CaptionerEnv> = {
    webGpuAvailable: async () => true,
    createSession: async (bytes, backend) => {
      log.created.push(backend);
      const real = await createOrtSession(bytes, 'wasm');
      if (backend === 'wasm') {
        if (!fault.wasmBroken) return real;
        return wrap(real, async () => {
          throw new Error('out of memory');
        });
      }
      if (fault.failCreate) {
        await real.release();
        throw new Error('WebGPU: no kernel for MatMulInteger(10)');
      }
      return wrap(
        real,
        async (feeds) => {
          if (++log.gpuRuns > (fault.lostAfterRuns ?? Infinity)) throw new Error('Device lost: GPU connection lost');
          return real.run(feeds);
        },
        () => log.gpuReleased++,
      );
    },
  };
  return { env, log };
}

const image = syntheticImage(3);
let reference: Caption;

beforeAll(async () => {
  const plain = createCaptioner();
  await plain.load(modelDir(TINY_MODEL), { backend: 'wasm' });
  reference = await plain.caption(image);
  await plain.dispose();
}, 120_000);

const captioners: { dispose(): Promise<void> }[] = [];
afterAll(async () => {
  for (const c of captioners) await c.dispose();
}, 120_000);

function make(fault: Fault) {
  const { env, log } = faultyEnv(fault);
  const captioner = createCaptioner({ env });
  captioners.push(captioner);
  return { captioner, log };
}

describe('WebGPU fallback', () => {
  it('uses WebGPU when asked for and it works', async () => {
    const { captioner, log } = make({});
    const info = await captioner.load(modelDir(TINY_MODEL), { backend: 'webgpu' });
    expect(info.backend).toBe('webgpu');
    const caption = await captioner.caption(image);
    expect(caption.backend).toBe('webgpu');
    expect(caption.tokens).toEqual(reference.tokens);
    expect(log.created).toEqual(['webgpu', 'webgpu']);
  });

  it('falls back at load when WebGPU refuses the model', async () => {
    const { captioner, log } = make({ failCreate: true });
    const info = await captioner.load(modelDir(TINY_MODEL), { backend: 'webgpu' });
    expect(info.backend).toBe('wasm');
    expect(info.fallbackReason).toContain('MatMulInteger');
    expect(log.created).toEqual(['webgpu', 'wasm', 'wasm']);
    const caption = await captioner.caption(image);
    expect(caption).toMatchObject({ backend: 'wasm', text: reference.text, tokens: reference.tokens });
  });

  it.each([
    ['in the encoder', 0],
    ['in the decoder, mid-caption', 6],
  ])('recovers when the device is lost %s and still returns the caption', async (_where, runs) => {
    const { captioner, log } = make({ lostAfterRuns: runs });
    expect((await captioner.load(modelDir(TINY_MODEL), { backend: 'webgpu' })).backend).toBe('webgpu');
    const caption = await captioner.caption(image);
    expect(caption).toMatchObject({ backend: 'wasm', text: reference.text, tokens: reference.tokens, confidence: reference.confidence });
    expect(log.gpuRuns).toBe(runs + 1);
    expect(log.gpuReleased).toBe(2); // both GPU sessions given up
    expect(captioner.backend).toBe('wasm');
    expect(captioner.info?.fallbackReason).toContain('Device lost');
    // Later captions stay on WASM without new sessions or GPU attempts.
    const created = log.created.length;
    expect((await captioner.caption(image)).backend).toBe('wasm');
    expect(log.created.length).toBe(created);
    expect(log.gpuRuns).toBe(runs + 1);
  });

  it('uses WASM and says why when no adapter exists (as in Node)', async () => {
    const captioner = createCaptioner();
    captioners.push(captioner);
    const info = await captioner.load(modelDir(TINY_MODEL), { backend: 'webgpu' });
    expect(info).toMatchObject({ backend: 'wasm', fallbackReason: 'no WebGPU adapter is available' });
  });

  it('does not retry a failure on WASM: the error reaches the caller', async () => {
    const { captioner, log } = make({ wasmBroken: true });
    await captioner.load(modelDir(TINY_MODEL), { backend: 'wasm' });
    await expect(captioner.caption(image)).rejects.toThrow('out of memory');
    expect(log.created).toEqual(['wasm', 'wasm']);
  });
});
