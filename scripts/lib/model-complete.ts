/**
 * Whether a model folder holds what the engine loads: config.json and both
 * ONNX parts (encoder and merged decoder). The build ships the trained
 * captioner only when this holds, and fails otherwise.
 *
 * @example
 *   modelComplete('.cache/models/glimpse-captioner') // → true after npm run models
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function modelComplete(dir: string): boolean {
  if (!existsSync(join(dir, 'config.json')) || !existsSync(join(dir, 'onnx'))) return false;
  const onnx = readdirSync(join(dir, 'onnx'));
  return ['encoder_model', 'decoder_model_merged'].every((part) => onnx.some((f) => f.startsWith(part) && f.endsWith('.onnx')));
}
