import { afterEach, describe, expect, it } from 'vitest';
import { chooseBackend, defaultEnv, isNode, threadCount, webGpuAvailable } from './env';

const g = globalThis as { navigator?: unknown };
const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

function setNavigator(value: unknown): void {
  Object.defineProperty(globalThis, 'navigator', { value, configurable: true, writable: true });
}

afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'navigator', original);
  else delete g.navigator;
});

describe('threadCount', () => {
  it('allows several threads in Node, capped at 4 and at the core count', () => {
    expect(isNode()).toBe(true);
    setNavigator({ hardwareConcurrency: 8 });
    expect(threadCount()).toBe(4);
    expect(threadCount(2)).toBe(2);
    expect(threadCount(16)).toBe(4);
    setNavigator({ hardwareConcurrency: 2 });
    expect(threadCount(4)).toBe(2);
    expect(threadCount(0)).toBe(1);
  });
});

describe('webGpuAvailable', () => {
  it('is false without navigator.gpu, or when no adapter is returned or the request throws', async () => {
    setNavigator(undefined);
    expect(await webGpuAvailable()).toBe(false);
    setNavigator({ gpu: { requestAdapter: async () => null } });
    expect(await webGpuAvailable()).toBe(false);
    setNavigator({
      gpu: {
        requestAdapter: async () => {
          throw new Error('blocked');
        },
      },
    });
    expect(await webGpuAvailable()).toBe(false);
  });

  it('is true when an adapter is returned', async () => {
    setNavigator({ gpu: { requestAdapter: async () => ({ name: 'swiftshader' }) } });
    expect(await webGpuAvailable()).toBe(true);
  });
});

describe('chooseBackend', () => {
  it('takes WebGPU only when asked for and available', async () => {
    const yes = { ...defaultEnv, webGpuAvailable: async () => true };
    const no = { ...defaultEnv, webGpuAvailable: async () => false };
    expect(await chooseBackend('webgpu', yes)).toEqual({ backend: 'webgpu' });
    expect(await chooseBackend('wasm', yes)).toEqual({ backend: 'wasm' });
    expect(await chooseBackend(undefined, yes)).toEqual({ backend: 'wasm' });
    expect(await chooseBackend('webgpu', no)).toEqual({ backend: 'wasm', reason: 'no WebGPU adapter is available' });
  });
});
