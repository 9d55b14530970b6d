import { describe, expect, it } from 'vitest';
import { HostPacer } from './host-pacer';

/** A clock that only moves when the pacer pauses or the test says so. */
function fakeTime() {
  let t = 1000;
  const pauses: number[] = [];
  return { now: () => t, pause: async (ms: number) => void (pauses.push(ms), (t += ms)), advance: (ms: number) => void (t += ms), pauses };
}

describe('HostPacer', () => {
  it('spaces requests to one host by 1/rate seconds from each answer, and leaves other hosts alone', async () => {
    const time = fakeTime();
    const pacer = new HostPacer(2, time.now, time.pause);
    await pacer.turn('https://a.test/1');
    time.advance(100); // the answer takes 100 ms
    pacer.answered('https://a.test/1');
    await pacer.turn('https://b.test:8080/x'); // another host: at once
    await pacer.turn('https://a.test/2');
    expect(time.pauses).toEqual([500]);
    time.advance(700); // a slow page: the next turn is free
    pacer.answered('https://a.test/2');
    time.advance(600);
    await pacer.turn('https://a.test/3');
    expect(time.pauses).toEqual([500]);
  });

  it('gives two callers waiting at once two turns, not one', async () => {
    // Concurrent sleeps: each pause is measured from the same moment.
    const pauses: number[] = [];
    const pacer = new HostPacer(4, () => 1000, async (ms) => void pauses.push(ms));
    await Promise.all([pacer.turn('http://127.0.0.1:8000/a'), pacer.turn('http://127.0.0.1:8000/b'), pacer.turn('http://127.0.0.1:8000/c')]);
    expect(pauses).toEqual([250, 500]);
  });

  it('does not pace data: URLs, and refuses a rate of 0', async () => {
    const time = fakeTime();
    const pacer = new HostPacer(1, time.now, time.pause);
    await pacer.turn('data:image/png;base64,AA');
    await pacer.turn('data:image/png;base64,AA');
    expect(time.pauses).toEqual([]);
    expect(() => new HostPacer(0)).toThrow(/above 0/);
  });
});
