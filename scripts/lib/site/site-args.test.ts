import { describe, expect, it } from 'vitest';
import { checkQueueUrl, parseSiteArgs } from './site-args';

describe('parseSiteArgs', () => {
  it('reads a queue worker and a merge', () => {
    const worker = parseSiteArgs(['https://example.org/', '--queue', 'redis://127.0.0.1:6379/2', '--max-depth', '1'])!;
    expect([worker.target, worker.queue, worker.merge, worker.maxDepth, worker.maxPages]).toEqual(['https://example.org/', 'redis://127.0.0.1:6379/2', false, 1, 50]);
    const merge = parseSiteArgs(['--merge', '--queue', 'redis://redis.internal/0', '--out', 'r'])!;
    expect([merge.target, merge.merge]).toEqual([null, true]);
  });

  it('shows the usage without a start URL, and names the option that is wrong', () => {
    expect(parseSiteArgs([])).toBeNull();
    expect(() => parseSiteArgs(['--merge'])).toThrow(/--merge reads a queue's results: give --queue/);
    expect(() => parseSiteArgs(['--merge', '--queue', 'redis://h/0', 'https://example.org/'])).toThrow(/--merge takes no start URL/);
    expect(() => parseSiteArgs(['https://example.org/', '--concurrency', '0'])).toThrow(/--concurrency: a whole number ≥ 1/);
    expect(() => parseSiteArgs(['https://example.org/', '--max-pages', 'many'])).toThrow(/--max-pages: not a number/);
    expect(() => parseSiteArgs(['https://example.org/', '--rate', '0'])).toThrow(/--rate: requests per second above 0/);
  });
});

describe('checkQueueUrl', () => {
  it('takes redis:// and rediss:// URLs with a numbered database', () => {
    expect(checkQueueUrl('redis://127.0.0.1:6379/3')).toBe('redis://127.0.0.1:6379/3');
    expect(checkQueueUrl('rediss://user:pw@redis.example:6380')).toBe('rediss://user:pw@redis.example:6380');
  });

  it('refuses anything else with the reason', () => {
    expect(() => checkQueueUrl('127.0.0.1:6379')).toThrow(/--queue: a redis:\/\/ or rediss:\/\/ URL|not a URL/);
    expect(() => checkQueueUrl('http://127.0.0.1:6379/0')).toThrow(/a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => checkQueueUrl('redis://127.0.0.1:6379/jobs')).toThrow(/the database must be a number/);
  });
});
