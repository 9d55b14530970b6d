// Missing, corrupt and wrongly shaped model files must fail load() with a
// ModelError whose code a program can act on and whose message names the file.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../scripts/lib/model-dir';
import { brokenCopy, removeCopies, renameInOnnx, TINY_MODEL, VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
import { createCaptioner } from './captioner';
import { ModelError } from './errors';

afterAll(removeCopies);

async function loadError(dir: string): Promise<ModelError> {
  const captioner = createCaptioner();
  try {
    await captioner.load(modelDir(dir));
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    if (process.env.SHOW_MODEL_ERRORS) console.log(`[${(error as ModelError).code}] ${(error as ModelError).message}`);
    return error as ModelError;
  } finally {
    await captioner.dispose();
  }
  throw new Error('load() succeeded on a broken model');
}

async function editJson(dir: string, file: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(join(dir, file), JSON.stringify(json));
}

async function editOnnx(dir: string, file: string, rename: (name: string) => string): Promise<void> {
  const path = join(dir, file);
  await writeFile(path, await renameInOnnx(new Uint8Array(await readFile(path)), rename));
}

// The files load() picks by default: the quantized ones when the model has them.
const ENCODER = existsSync(join(TINY_MODEL, 'onnx/encoder_model_quantized.onnx')) ? 'onnx/encoder_model_quantized.onnx' : 'onnx/encoder_model.onnx';
const DECODER = existsSync(join(TINY_MODEL, 'onnx/decoder_model_merged_quantized.onnx')) ? 'onnx/decoder_model_merged_quantized.onnx' : 'onnx/decoder_model_merged.onnx';

/** Removes both the float32 and the quantized file of one part. */
const removePart = async (d: string, part: string): Promise<void> => {
  for (const variant of ['', '_quantized']) await rm(join(d, `onnx/${part}${variant}.onnx`), { force: true });
};

describe('missing files', () => {
  it.each(['config.json', 'preprocessor_config.json', 'tokenizer.json'])('%s → model-missing naming it', async (file) => {
    const error = await loadError(await brokenCopy((d) => rm(join(d, file))));
    expect(error.code).toBe('model-missing');
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
  });

  it('a missing encoder → model-missing naming both names it could have', async () => {
    const error = await loadError(await brokenCopy((d) => removePart(d, 'encoder_model')));
    expect(error).toMatchObject({ code: 'model-missing', file: 'onnx/encoder_model.onnx' });
    expect(error.message).toContain('has no onnx/encoder_model.onnx. It has no onnx/encoder_model_quantized.onnx either.');
  });

  it('a missing merged decoder says which file Glimpse needs', async () => {
    const error = await loadError(await brokenCopy((d) => removePart(d, 'decoder_model_merged')));
    expect(error.code).toBe('model-missing');
    expect(error.message).toMatch(/decoder_model_merged\.onnx/);
    expect(error.message).toContain('merged decoder');
  });

  it('a decoder in an unsupported variant is named in the message', async () => {
    const dir = await brokenCopy(async (d) => {
      await copyFile(join(d, 'onnx/decoder_model_merged.onnx'), join(d, 'onnx/decoder_model_merged_fp16.onnx'));
      await removePart(d, 'decoder_model_merged');
    });
    const error = await loadError(dir);
    expect(error.message).toContain('Found onnx/decoder_model_merged_fp16.onnx');
  });

  it('a missing generation_config.json is not an error', async () => {
    const captioner = createCaptioner();
    const info = await captioner.load(modelDir(await brokenCopy((d) => rm(join(d, 'generation_config.json')))));
    expect(info.backend).toBe('wasm');
    await captioner.dispose();
  });
});

describe('corrupt files', () => {
  it('a truncated encoder → model-invalid naming it', async () => {
    const error = await loadError(
      await brokenCopy(async (d) => {
        const bytes = await readFile(join(d, ENCODER));
        await writeFile(join(d, ENCODER), bytes.subarray(0, bytes.length / 3));
      }),
    );
    expect(error.code).toBe('model-invalid');
    expect(error.file).toBe(ENCODER);
    expect(error.message).toMatch(new RegExp(`^${ENCODER}: is damaged or not an ONNX model onnxruntime can open`));
  });

  it('a decoder of random bytes → model-invalid naming it', async () => {
    const error = await loadError(await brokenCopy((d) => writeFile(join(d, DECODER), Uint8Array.from({ length: 4096 }, (_, i) => (i * 131) % 251))));
    expect(error.code).toBe('model-invalid');
    expect(error.file).toBe(DECODER);
  });

  it('config.json that is not JSON → model-invalid', async () => {
    const error = await loadError(await brokenCopy((d) => writeFile(join(d, 'config.json'), '{"model_type": "vision-encoder-decoder",')));
    expect(error).toMatchObject({ code: 'model-invalid', file: 'config.json' });
    expect(error.message).toContain('not valid JSON');
  });

  it('a tokenizer.json the library cannot read → model-invalid', async () => {
    const error = await loadError(await brokenCopy((d) => editJson(d, 'tokenizer.json', (j) => void (j.model = { type: 'NoSuchModel' }))));
    expect(error).toMatchObject({ code: 'model-invalid', file: 'tokenizer.json' });
  });
});

describe('unsupported layouts', () => {
  it('a decoder without past_key_values inputs → model-invalid explaining the cache', async () => {
    const dir = await brokenCopy((d) => editOnnx(d, DECODER, (n) => n.replace(/^past_key_values\./, 'cache.')));
    const error = await loadError(dir);
    expect(error).toMatchObject({ code: 'model-invalid', file: DECODER });
    expect(error.message).toContain('has no past_key_values inputs');
  });

  it('a decoder whose present outputs do not match its past inputs → model-invalid', async () => {
    const dir = await brokenCopy((d) => editOnnx(d, DECODER, (n) => (n === 'present.1.value' ? 'present.1.v' : n)));
    const error = await loadError(dir);
    expect(error.message).toContain('no matching output present.1.value');
  });

  it('a decoder with a differently named token input → model-invalid naming the input', async () => {
    const dir = await brokenCopy((d) => editOnnx(d, DECODER, (n) => (n === 'input_ids' ? 'decoder_input_ids' : n)));
    const error = await loadError(dir);
    expect(error.message).toContain('has no "input_ids" input');
  });

  it('the decoder file given as encoder → model-invalid naming pixel_values', async () => {
    const dir = await brokenCopy((d) => copyFile(join(d, DECODER), join(d, ENCODER)));
    const error = await loadError(dir);
    expect(error).toMatchObject({ code: 'model-invalid', file: ENCODER });
    expect(error.message).toContain('pixel_values');
  });

  it('a config for another architecture → model-invalid', async () => {
    const error = await loadError(await brokenCopy((d) => editJson(d, 'config.json', (j) => void (j.model_type = 'blip'))));
    expect(error).toMatchObject({ code: 'model-invalid', file: 'config.json' });
    expect(error.message).toContain('"blip"');
  });

  it('a config whose layer count disagrees with the decoder graph → model-invalid', async () => {
    const error = await loadError(await brokenCopy((d) => editJson(d, 'config.json', (j) => void ((j.decoder as Record<string, unknown>).n_layer = 3))));
    expect(error.message).toContain('2 layers but config.json says 3');
  });

  it('a preprocessor size the encoder graph cannot take → model-invalid', async () => {
    const error = await loadError(await brokenCopy((d) => editJson(d, 'preprocessor_config.json', (j) => void (j.size = { height: 160, width: 160 }))));
    expect(error).toMatchObject({ code: 'model-invalid', file: 'preprocessor_config.json' });
  });
});

describe('file choice', () => {
  it('prefers a quantized file, part by part, and takes float32 when asked or when there is none', async () => {
    const dir = await brokenCopy(async (d) => {
      await copyFile(join(d, 'onnx/encoder_model.onnx'), join(d, 'onnx/encoder_model_quantized.onnx'));
      await rm(join(d, 'onnx/decoder_model_merged_quantized.onnx'), { force: true });
    });
    const captioner = createCaptioner();
    const info = await captioner.load(modelDir(dir));
    expect(info.encoderFile).toBe('onnx/encoder_model_quantized.onnx');
    expect(info.decoderFile).toBe('onnx/decoder_model_merged.onnx');
    expect((await captioner.load(modelDir(dir), { quantized: false })).encoderFile).toBe('onnx/encoder_model.onnx');
    await captioner.dispose();
  });

  it('works without a folder listing, by probing', async () => {
    const source = { ...modelDir(TINY_MODEL), list: undefined };
    const captioner = createCaptioner();
    expect((await captioner.load(source)).decoderFile).toBe(DECODER);
    await captioner.dispose();
  });
});

// The same failures on the vit-gpt2 layout (GPT-2 decoder, ViT preprocessing, a merged decoder with an If graph).
describe('vit-gpt2 stand-in', () => {
  const standin = (breakIt: (dir: string) => Promise<void>) => brokenCopy(breakIt, VIT_GPT2_STANDIN);
  const STANDIN_DECODER = 'onnx/decoder_model_merged_quantized.onnx';

  it('loads as it is', async () => {
    const captioner = createCaptioner();
    const info = await captioner.load(modelDir(VIT_GPT2_STANDIN));
    expect(info).toMatchObject({ encoderFile: 'onnx/encoder_model_quantized.onnx', decoderFile: STANDIN_DECODER });
    await captioner.dispose();
  });

  it('a decoder type whose cache layout Glimpse does not read → model-invalid naming the type', async () => {
    const error = await loadError(await standin((d) => editJson(d, 'config.json', (j) => void ((j.decoder as Record<string, unknown>).model_type = 'trocr'))));
    expect(error).toMatchObject({ code: 'model-invalid', file: 'config.json' });
    expect(error.message).toContain('"trocr" decoder');
  });

  it('a merged decoder that also caches cross-attention → model-invalid naming the cache inputs', async () => {
    const dir = await standin((d) => editOnnx(d, STANDIN_DECODER, (n) => n.replace(/^(past_key_values|present)\.(\d+)\.(key|value)$/, '$1.$2.decoder.$3')));
    const error = await loadError(dir);
    expect(error).toMatchObject({ code: 'model-invalid', file: STANDIN_DECODER });
    expect(error.message).toContain('past_key_values.0.decoder.key');
    expect(error.message).toContain('encoder-decoder cache layout');
  });

  it('a preprocessor step Glimpse does not do → model-invalid naming preprocessor_config.json', async () => {
    const error = await loadError(await standin((d) => editJson(d, 'preprocessor_config.json', (j) => Object.assign(j, { do_center_crop: true, crop_size: { height: 224, width: 224 } }))));
    expect(error).toMatchObject({ code: 'model-invalid', file: 'preprocessor_config.json' });
    expect(error.message).toContain('center crop');
  });

  it.each(['tokenizer.json', 'onnx/encoder_model_quantized.onnx'])('without %s → model-missing naming it', async (file) => {
    const error = await loadError(await standin((d) => rm(join(d, file))));
    expect(error.code).toBe('model-missing');
    expect(error.message).toContain(file);
  });
});

