import { connect } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { CHROMIUM_SERVICES, startNetworkGuard, type NetworkGuard } from './network-guard';

let guard: NetworkGuard | null = null;
afterEach(async () => guard?.close());

/** Opens a CONNECT tunnel through the guard and resets it while the refusal is on its way. */
function resetTunnel(port: number): Promise<void> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
      socket.write('\x16\x03\x01'.padEnd(64 * 1024, '\0')); // a ClientHello-sized burst after the request
      setTimeout(() => {
        socket.resetAndDestroy();
        done();
      }, 5);
    });
    socket.on('error', () => done());
  });
}

test('a browser resetting a refused tunnel neither crashes the test process nor hides the attempt', async () => {
  guard = await startNetworkGuard();
  const port = Number(new URL(guard.args[0]!.replace('--proxy-server=', '')).port);
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    for (let i = 0; i < 20; i++) await resetTunnel(port);
    await new Promise((settle) => setTimeout(settle, 300));
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  expect(uncaught).toEqual([]);
  expect(guard.foreign()).toHaveLength(20);
  expect(new Set(guard.foreign())).toEqual(new Set(['CONNECT example.com:443']));
});

test('only the named browser services are set aside; any other host is foreign', () => {
  for (const own of ['CONNECT update.googleapis.com:443', 'CONNECT accounts.google.com:443', 'CONNECT android.clients.google.com:443']) {
    expect(CHROMIUM_SERVICES.test(own), own).toBe(true);
  }
  for (const foreign of ['CONNECT clients.google.com:443', 'CONNECT android.clients.google.com.evil.test:443', 'GET http://android.clients.google.com/', 'CONNECT example.com:443']) {
    expect(CHROMIUM_SERVICES.test(foreign), foreign).toBe(false);
  }
});
