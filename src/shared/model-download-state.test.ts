import { describe, expect, it } from 'vitest';
import { downloadStateText } from './model-download-state';

describe('downloadStateText', () => {
  it('says each state in words, with megabytes', () => {
    const base = { name: 'vit-gpt2', received: 1_500_000, total: 3_800_000, message: null };
    expect(downloadStateText({ ...base, state: 'downloading' })).toBe('Downloading vit-gpt2: 1.5 of 3.8 MB (continue in the options page).');
    expect(downloadStateText({ ...base, total: null, state: 'downloading' })).toBe('Downloading vit-gpt2: 1.5 of ? MB (continue in the options page).');
    expect(downloadStateText({ ...base, state: 'stopped' })).toMatch(/stopped at 1\.5 MB when the options page closed/);
    expect(downloadStateText({ ...base, state: 'failed', message: 'config.json was not found on the server (HTTP 404).' })).toBe('vit-gpt2 is not downloaded: config.json was not found on the server (HTTP 404).');
  });
});
