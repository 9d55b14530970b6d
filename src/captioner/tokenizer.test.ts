import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_MODEL } from '../../scripts/lib/test-model';
import { loadTokenizer } from './tokenizer';

const wordLevel = {
  version: '1.0',
  added_tokens: [
    { id: 0, content: '<pad>', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
    { id: 1, content: '<s>', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
    { id: 2, content: '</s>', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
    { id: 3, content: '<unk>', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false },
  ],
  normalizer: null,
  pre_tokenizer: { type: 'Whitespace' },
  post_processor: null,
  decoder: null,
  model: { type: 'WordLevel', vocab: { '<pad>': 0, '<s>': 1, '</s>': 2, '<unk>': 3, a: 4, dog: 5, runs: 6, '.': 7 }, unk_token: '<unk>' },
};

// A byte-level BPE in GPT-2's layout ("Ġ" marks a leading space).
const byteLevelBpe = {
  version: '1.0',
  added_tokens: [{ id: 6, content: '<|endoftext|>', special: true, single_word: false, lstrip: false, rstrip: false, normalized: false }],
  normalizer: null,
  pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  post_processor: null,
  decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, vocab: { a: 0, 'Ġ': 1, d: 2, o: 3, g: 4, 'Ġdog': 5, '<|endoftext|>': 6 }, merges: ['Ġ d', 'o g', 'Ġd og'] },
};

describe('loadTokenizer', () => {
  it('decodes a WordLevel vocabulary, dropping special and unknown tokens', () => {
    const tok = loadTokenizer(wordLevel);
    expect(tok.unkId).toBe(3);
    expect(tok.decode([1, 4, 5, 3, 6, 2, 0])).toBe('a dog runs');
    expect(tok.decode([3])).toBe('');
    expect(tok.decode([])).toBe('');
  });

  it('decodes a GPT-2 style byte-level BPE vocabulary', () => {
    const tok = loadTokenizer(byteLevelBpe);
    expect(tok.decode([0, 5, 6])).toBe('a dog');
    expect(tok.unkId).toBeNull();
  });

  it('reads the tiny model tokenizer (WordLevel with a WordPiece decoder)', async () => {
    const json = JSON.parse(await readFile(join(TINY_MODEL, 'tokenizer.json'), 'utf8'));
    const config = JSON.parse(await readFile(join(TINY_MODEL, 'tokenizer_config.json'), 'utf8'));
    const tok = loadTokenizer(json, config);
    const id = (w: string) => json.model.vocab[w] as number;
    expect(tok.decode([1, id('a'), id('dog'), 3, id('on'), id('a'), id('beach'), 2])).toBe('a dog on a beach');
  });
});
