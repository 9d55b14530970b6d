/**
 * Reads what generation needs from config.json and generation_config.json:
 * special token ids, decoder shape (layers, heads, head size) and generation
 * defaults. Accepts GPT-2 style keys (n_layer, n_head, n_embd) and the
 * BERT/BART style ones (num_hidden_layers, num_attention_heads, hidden_size),
 * as Xenova's vit-gpt2 and Mozilla's distilvit ship them.
 *
 * @example
 *   const spec = readModelSpec(files.config, files.generationConfig);
 *   spec.eosIds // [50256]
 */
import { invalidFile } from './errors';
import type { Json } from './model-files';

export interface GenerationDefaults {
  numBeams: number;
  /** Total sequence length including the decoder start token, as in Hugging Face. */
  maxLength: number;
  noRepeatNgramSize: number;
  lengthPenalty: number;
  earlyStopping: boolean;
}

export interface ModelSpec {
  decoderStartId: number;
  eosIds: number[];
  padId: number | null;
  vocabSize: number | null;
  /** Decoder shape from config.json; null when absent (then session metadata must say). */
  layers: number | null;
  heads: number | null;
  headDim: number | null;
  /** Longest sequence the decoder's position table holds, when the config says. */
  maxPositions: number | null;
  generation: GenerationDefaults;
}

const FALLBACK_MAX_LENGTH = 20; // Hugging Face's GenerationConfig default.

/**
 * Decoder types whose Optimum merged export caches self-attention only
 * (`past_key_values.N.key|value`), which is what the decoder runner feeds.
 * BART-, T5- or TrOCR-style decoders also cache cross-attention
 * (`past_key_values.N.encoder.key`) and are refused by name instead of
 * producing wrong captions. DistilGPT-2 is a "gpt2".
 */
export const SUPPORTED_DECODERS: readonly string[] = ['gpt2'];

function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function first(...values: unknown[]): number | null {
  for (const v of values) {
    const n = int(v);
    if (n !== null) return n;
  }
  return null;
}

function ids(value: unknown): number[] | null {
  if (Array.isArray(value) && value.length && value.every((v) => int(v) !== null)) return value as number[];
  const n = int(value);
  return n === null ? null : [n];
}

/**
 * Builds the {@link ModelSpec}; throws ModelError('model-invalid') naming
 * config.json when the model type or the special tokens are unusable.
 */
export function readModelSpec(config: Json, generation: Json): ModelSpec {
  if (config.model_type !== 'vision-encoder-decoder') {
    throw invalidFile('config.json', `model_type is ${JSON.stringify(config.model_type)}; Glimpse reads "vision-encoder-decoder" models only.`);
  }
  const decoder = (typeof config.decoder === 'object' && config.decoder !== null ? config.decoder : {}) as Json;
  if (!SUPPORTED_DECODERS.includes(decoder.model_type as string)) {
    throw invalidFile(
      'config.json',
      `declares a ${JSON.stringify(decoder.model_type ?? null)} decoder; Glimpse reads ${SUPPORTED_DECODERS.map((t) => `"${t}"`).join(', ')} decoders only, whose cache holds self-attention keys and values (as in Xenova/vit-gpt2-image-captioning and Mozilla/distilvit).`,
    );
  }
  const decoderStartId = first(generation.decoder_start_token_id, config.decoder_start_token_id, decoder.decoder_start_token_id, generation.bos_token_id, decoder.bos_token_id);
  if (decoderStartId === null) throw invalidFile('config.json', 'names no decoder_start_token_id (nor a bos_token_id to start decoding with).');
  const eosIds = ids(generation.eos_token_id) ?? ids(config.eos_token_id) ?? ids(decoder.eos_token_id);
  if (!eosIds) throw invalidFile('config.json', 'names no eos_token_id, so a caption could never end.');
  const layers = first(decoder.n_layer, decoder.num_hidden_layers, decoder.decoder_layers);
  const heads = first(decoder.n_head, decoder.num_attention_heads, decoder.decoder_attention_heads);
  const width = first(decoder.n_embd, decoder.hidden_size, decoder.d_model);
  if (heads !== null && width !== null && width % heads !== 0) throw invalidFile('config.json', `decoder width ${width} is not a multiple of its ${heads} heads.`);
  const maxNew = first(generation.max_new_tokens);
  return {
    decoderStartId,
    eosIds,
    padId: first(generation.pad_token_id, config.pad_token_id, decoder.pad_token_id),
    vocabSize: first(decoder.vocab_size, config.vocab_size),
    layers,
    heads,
    headDim: heads !== null && width !== null ? width / heads : null,
    maxPositions: first(decoder.n_positions, decoder.max_position_embeddings),
    generation: {
      numBeams: Math.max(1, first(generation.num_beams, config.num_beams) ?? 1),
      maxLength: maxNew !== null ? maxNew + 1 : (first(generation.max_length, config.max_length) ?? FALLBACK_MAX_LENGTH),
      noRepeatNgramSize: first(generation.no_repeat_ngram_size, config.no_repeat_ngram_size) ?? 0,
      lengthPenalty: typeof generation.length_penalty === 'number' ? generation.length_penalty : 1,
      // Default true, unlike Hugging Face: for captions, stopping at the first
      // numBeams endings prefers short sure captions over long hedged ones,
      // and makes one beam exactly greedy. An explicit setting wins.
      earlyStopping: typeof generation.early_stopping === 'boolean' ? generation.early_stopping : generation.early_stopping !== 'never',
    },
  };
}
