/**
 * A session factory on onnxruntime-node (native CPU), for the captioner
 * core's `env.createSession` seam: the same graphs, the same session options
 * as Glimpse's onnxruntime-web sessions (`sessionOptions`), one thread. The
 * bench runs Glimpse's own describe path on it as the native reference.
 *
 * @example
 *   const captioner = createCaptioner({ env: { createSession: nativeSessionFactory(1) } });
 */
import * as ortNode from 'onnxruntime-node';
import { sessionOptions, type SessionFactory, type SessionLike } from '../../src/captioner/env';

type AnyTensor = { type: string; data: unknown; dims: readonly number[] };

/** onnxruntime-node wants its own Tensor class; the core builds onnxruntime-web's. */
function toNative(t: AnyTensor): ortNode.Tensor {
  return t instanceof ortNode.Tensor ? t : new ortNode.Tensor(t.type as 'float32', t.data as Float32Array, t.dims);
}

export function nativeSessionFactory(threads = 1): SessionFactory {
  return async (model) => {
    const { graphOptimizationLevel, extra } = sessionOptions('wasm');
    const session = await ortNode.InferenceSession.create(model, { graphOptimizationLevel, extra, executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1 });
    const like: SessionLike = {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      inputMetadata: session.inputMetadata as SessionLike['inputMetadata'],
      async run(feeds) {
        const native = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toNative(v)]));
        return (await session.run(native)) as unknown as Awaited<ReturnType<SessionLike['run']>>;
      },
      release: () => session.release(),
    };
    return like;
  };
}
