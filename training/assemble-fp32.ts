/**
 * Assembles an fp32-head encoder (backbone + encoder_head.onnx) for the
 * fp32-vs-int8 comparison; the build only ships the int8 head.
 *
 * Usage: npx tsx training/assemble-fp32.ts <encoder_head.onnx> <out encoder_model.onnx>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { backboneGraph, thirdPartyModelDir } from '../scripts/lib/backbone';
import { appendHead, encodeModel, loadModel, renameTensor, upgradeOpset12To13 } from '../scripts/lib/onnx-graph';

const [headFile, outFile] = process.argv.slice(2) as [string, string];
const base = await backboneGraph(thirdPartyModelDir(resolve(import.meta.dirname, '..')));
upgradeOpset12To13(base);
renameTensor(base, 'input', 'pixel_values');
renameTensor(base, 'output', 'logits');
appendHead(base, await loadModel(readFileSync(headFile)), { features: '627', imagenet_logits: 'logits' }, ['last_hidden_state', 'logits']);
writeFileSync(outFile, await encodeModel(base));
