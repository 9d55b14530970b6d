import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode as gpt2Decode, encode as gpt2Encode } from 'gpt-3-encoder';
import { TINY_MODEL, VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
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

  // GPT-2's real vocabulary and merges (the vit-gpt2 stand-in's tokenizer.json), checked
  // against gpt-3-encoder, an independent implementation of GPT-2's byte-level BPE.
  describe('GPT-2 byte-level BPE (vit-gpt2 stand-in)', () => {
    const EOS = 50256;
    const load = async () =>
      loadTokenizer(JSON.parse(await readFile(join(VIT_GPT2_STANDIN, 'tokenizer.json'), 'utf8')), JSON.parse(await readFile(join(VIT_GPT2_STANDIN, 'tokenizer_config.json'), 'utf8')));
    const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

    it('turns GPT-2 ids back into the text, multi-byte characters included, dropping <|endoftext|>', async () => {
      const tok = await load();
      expect(tok.unkId).toBe(EOS); // GPT-2 names <|endoftext|> as its unknown token too; generation must not ban it
      expect([...tok.specialIds]).toEqual([EOS]);
      for (const text of ['a man riding a wave on top of a surfboard', "A dog's ball, 3 cats & 12.5% off!", 'Café naïve — 東京タワー 🐕‍🦺', '  two  spaces\nand a new line ']) {
        const ids = gpt2Encode(text);
        expect(ids.length).toBeGreaterThan(1);
        expect(tok.decode([EOS, ...ids, EOS])).toBe(tidy(text));
      }
    });

    it('reads the older and newer tokenizer.json serializations (no model.type; merges as pairs)', async () => {
      const json = JSON.parse(await readFile(join(VIT_GPT2_STANDIN, 'tokenizer.json'), 'utf8'));
      const ids = gpt2Encode('a man riding a wave on top of a surfboard');
      const untyped = structuredClone(json);
      delete untyped.model.type;
      const pairs = structuredClone(json);
      pairs.model.merges = pairs.model.merges.map((m: string) => m.split(' '));
      for (const variant of [untyped, pairs]) expect(loadTokenizer(variant).decode(ids)).toBe('a man riding a wave on top of a surfboard');
    });

    it('decodes arbitrary id sequences byte for byte like gpt-3-encoder (split UTF-8 sequences included)', async () => {
      const tok = await load();
      let state = 17;
      const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) % EOS;
      let replaced = 0;
      for (let n = 0; n < 300; n++) {
        const ids = Array.from({ length: 12 }, next);
        const theirs = tidy(gpt2Decode(ids));
        if (theirs.includes('\uFFFD')) replaced++;
        expect(tok.decode(ids)).toBe(theirs);
      }
      // Byte tokens that split a character exist in every run of this size, so that path is exercised.
      expect(replaced).toBeGreaterThan(0);
    });
  });
});
