/**
 * A session factory on onnxruntime-node (native CPU), for Node scripts that
 * run the shipped graphs over thousands of images (evidence dumps) and as the
 * native reference in benchmarks. The extension never uses it.
 *
 * Both runtimes share onnxruntime-common, so tensors the captioner core makes
 * with onnxruntime-web's `Tensor` are accepted as they are.
 *
 * @example
 *   const captioner = createCaptioner({ env: { createSession: nativeSession(1) } });
 */
import { createRequire } from 'node:module';
import type { SessionFactory, SessionLike } from '../../src/captioner/env';

const require = createRequire(import.meta.url);

export function nativeSession(threads = 1): SessionFactory {
  const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
  return async (model) =>
    (await ort.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' })) as unknown as SessionLike;
}
