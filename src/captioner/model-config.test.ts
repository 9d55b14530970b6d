import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
import { generationSettings } from './captioner';
import { ModelError } from './errors';
import { readModelSpec } from './model-config';

// The shape of nlpconnect/vit-gpt2-image-captioning's config.json, as Xenova's and Mozilla's exports ship it.
const vitGpt2 = {
  model_type: 'vision-encoder-decoder',
  decoder_start_token_id: 50256,
  eos_token_id: 50256,
  pad_token_id: 50256,
  decoder: { model_type: 'gpt2', n_layer: 12, n_head: 12, n_embd: 768, n_positions: 1024, vocab_size: 50257, bos_token_id: 50256, eos_token_id: 50256 },
  encoder: { model_type: 'vit', hidden_size: 768 },
};

describe('readModelSpec', () => {
  it('reads a GPT-2 decoder config', () => {
    const spec = readModelSpec(vitGpt2, { max_length: 16, num_beams: 4 });
    expect(spec).toMatchObject({ decoderStartId: 50256, eosIds: [50256], layers: 12, heads: 12, headDim: 64, maxPositions: 1024, vocabSize: 50257 });
    expect(spec.generation).toMatchObject({ numBeams: 4, maxLength: 16, noRepeatNgramSize: 0, lengthPenalty: 1, earlyStopping: true });
  });

  it('reads BERT-style key names and lets generation_config override', () => {
    const spec = readModelSpec(
      { model_type: 'vision-encoder-decoder', decoder: { model_type: 'gpt2', num_hidden_layers: 6, num_attention_heads: 8, hidden_size: 512, max_position_embeddings: 40, decoder_start_token_id: 5, eos_token_id: 6 } },
      { decoder_start_token_id: 7, eos_token_id: [8, 9], max_new_tokens: 20, early_stopping: false },
    );
    expect(spec).toMatchObject({ decoderStartId: 7, eosIds: [8, 9], layers: 6, heads: 8, headDim: 64, maxPositions: 40 });
    expect(spec.generation).toMatchObject({ maxLength: 21, earlyStopping: false });
  });

  it('reads the vit-gpt2 stand-in: GPT-2 ids for start and end, shape from the decoder sub-config', async () => {
    const read = async (name: string) => JSON.parse(await readFile(join(VIT_GPT2_STANDIN, name), 'utf8')) as Record<string, unknown>;
    const spec = readModelSpec(await read('config.json'), await read('generation_config.json'));
    expect(spec).toMatchObject({ decoderStartId: 50256, eosIds: [50256], padId: 50256, vocabSize: 50257, layers: 2, heads: 2, headDim: 16, maxPositions: 1024 });
    expect(spec.generation).toMatchObject({ maxLength: 20, numBeams: 1, noRepeatNgramSize: 0 });
  });

  it('defaults to 20 tokens and greedy when nothing says otherwise', () => {
    expect(readModelSpec(vitGpt2, {}).generation).toMatchObject({ maxLength: 20, numBeams: 1 });
  });

  it.each([
    [{ ...vitGpt2, model_type: 'vit' }, /model_type is "vit"/],
    [{ model_type: 'vision-encoder-decoder', decoder: { model_type: 'gpt2' } }, /decoder_start_token_id/],
    [{ model_type: 'vision-encoder-decoder', decoder: { model_type: 'gpt2', bos_token_id: 1 } }, /eos_token_id/],
    [{ ...vitGpt2, decoder: { ...vitGpt2.decoder, model_type: 'trocr' } }, /"trocr" decoder; Glimpse reads "gpt2" decoders only/],
    [{ ...vitGpt2, decoder: { bos_token_id: 1, eos_token_id: 2 } }, /null decoder/],
    [{ ...vitGpt2, decoder: { ...vitGpt2.decoder, n_embd: 770 } }, /not a multiple/],
  ])('rejects unusable configs with a ModelError naming config.json', (config, message) => {
    try {
      readModelSpec(config, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).file).toBe('config.json');
      expect((error as ModelError).message).toMatch(message);
    }
  });
});

describe('generationSettings', () => {
  const spec = readModelSpec(vitGpt2, { max_length: 16, num_beams: 4, no_repeat_ngram_size: 3 });

  it('lets caller options win over the model defaults', () => {
    expect(generationSettings(spec, { unkId: null }, {})).toMatchObject({ numBeams: 4, maxLength: 16, noRepeatNgramSize: 3 });
    expect(generationSettings(spec, { unkId: null }, { numBeams: 1, maxLength: 30, noRepeatNgramSize: 0 })).toMatchObject({ numBeams: 1, maxLength: 30, noRepeatNgramSize: 0 });
  });

  it('never asks for more positions than the decoder has', () => {
    const small = readModelSpec({ ...vitGpt2, decoder: { ...vitGpt2.decoder, n_positions: 32 } }, {});
    expect(generationSettings(small, { unkId: null }, { maxLength: 500 }).maxLength).toBe(32);
  });

  it('bans the unknown token, unless it is also the end token (GPT-2)', () => {
    expect(generationSettings(spec, { unkId: 3 }, {}).bannedIds).toEqual([3]);
    expect(generationSettings(spec, { unkId: 50256 }, {}).bannedIds).toEqual([]);
  });
});
