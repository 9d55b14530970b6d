/**
 * Turns generated token ids into caption text with @huggingface/tokenizers,
 * which reads tokenizer.json as shipped (BPE like GPT-2's, WordPiece, Unigram,
 * and WordLevel vocabularies, which it handles through its "Legacy" model).
 *
 * Special tokens are stripped. The unknown token is never written out: the
 * captioner bans it during generation (the model's next-best word is chosen
 * and its lower probability shows in the confidence), and this decoder also
 * drops it, so no "<unk>" can reach a user even from a caller's own ids.
 *
 * @example
 *   const tok = loadTokenizer(tokenizerJson, tokenizerConfig);
 *   tok.decode([64, 3290, 50256]) // "a dog"
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { describeError, invalidFile } from './errors';
import type { Json } from './model-files';

export interface CaptionTokenizer {
  decode(ids: readonly number[]): string;
  /** The unknown token's id, when the vocabulary has one. */
  readonly unkId: number | null;
  /** Ids of tokens marked special in tokenizer.json (bos, eos, pad, unk…). */
  readonly specialIds: ReadonlySet<number>;
}

function tokenText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') return (value as { content: string }).content;
  return null;
}

/**
 * Builds the decoder from tokenizer.json and (optional) tokenizer_config.json;
 * throws ModelError('model-invalid') naming tokenizer.json if the library
 * rejects it.
 */
export function loadTokenizer(tokenizerJson: Json, tokenizerConfig: Json = {}): CaptionTokenizer {
  let tokenizer: Tokenizer;
  try {
    // The library requires `added_tokens`; older exports omit it when empty.
    tokenizer = new Tokenizer({ added_tokens: [], ...tokenizerJson }, tokenizerConfig);
  } catch (error) {
    throw invalidFile('tokenizer.json', `could not be read as a tokenizer (${describeError(error)}).`, error);
  }
  const model = (tokenizerJson.model ?? {}) as Json;
  const unkText = tokenText(model.unk_token) ?? tokenText(tokenizerConfig.unk_token);
  const unkId = unkText === null ? null : (tokenizer.token_to_id(unkText) ?? null);
  const added = Array.isArray(tokenizerJson.added_tokens) ? (tokenizerJson.added_tokens as { id?: unknown; special?: unknown }[]) : [];
  const specialIds = new Set(added.filter((t) => t.special === true && typeof t.id === 'number').map((t) => t.id as number));
  if (unkId !== null) specialIds.add(unkId);

  return {
    unkId,
    specialIds,
    decode(ids) {
      const kept = ids.filter((id) => !specialIds.has(id));
      // The library throws on an empty list; an empty caption is a valid answer here.
      if (!kept.length) return '';
      return tokenizer.decode([...kept], { skip_special_tokens: true }).replace(/\s+/g, ' ').trim();
    },
  };
}
