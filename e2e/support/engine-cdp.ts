/**
 * Reaches into the built extension's engine from outside, over the Chrome
 * DevTools Protocol, to inject faults into the real production code: kill or
 * hang the caption worker, crash the GPU process. Playwright lists neither
 * the offscreen document nor its workers, so this talks CDP itself: Chromium
 * is started with `--remote-debugging-port=0` (see ENGINE_CDP_ARGS), the
 * browser endpoint is read from the profile's DevToolsActivePort, and the
 * offscreen document is auto-attached (flat sessions) so each worker it
 * starts shows up as a session.
 *
 * @example
 *   const launched = await launchWithExtension({ args: ENGINE_CDP_ARGS });
 *   const engine = await connectEngine(launched.userDir);
 *   await engine.waitForWorker();
 *   await engine.evaluateInWorker('close()');
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

/** Chromium flags that open the DevTools endpoint this helper connects to. */
export const ENGINE_CDP_ARGS = ['--remote-debugging-port=0'];

interface TargetInfo {
  targetId: string;
  type: string;
  title: string;
  url: string;
  parentId?: string;
}

interface Message {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export interface EngineCdp {
  /** Resolves with the caption worker's session once one is running (after `after` when given, i.e. a new one). */
  waitForWorker(after?: string, timeoutMs?: number): Promise<string>;
  /** Evaluates `expression` in the current caption worker; with `awaitReply` false, does not wait (the worker may never answer). */
  evaluateInWorker(expression: string, awaitReply?: boolean): Promise<unknown>;
  /** Evaluates `expression` in the engine (offscreen) document. */
  evaluateInEngine(expression: string): Promise<unknown>;
  /**
   * Ends the caption worker the way the browser ends one (Worker.terminate(),
   * which interrupts whatever it runs), found in the engine document's heap
   * (Runtime.queryObjects), not through any handle the extension offers. Returns how many workers it ended.
   */
  terminateWorkers(): Promise<number>;
  /** Every caption worker session seen, oldest first. */
  readonly workers: string[];
  /** console.* output of the engine document and its workers: `level: text`. */
  readonly console: string[];
  /** Uncaught exceptions in the engine document, its workers and the service worker. */
  readonly exceptions: string[];
  /** Sends a browser-level command (e.g. Browser.crashGpuProcess). */
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<Record<string, unknown>>;
  close(): void;
}

export async function connectEngine(userDir: string, timeoutMs = 60_000): Promise<EngineCdp> {
  const [port, path] = (await readFile(join(userDir, 'DevToolsActivePort'), 'utf8')).split('\n');
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false });
  await new Promise<void>((ok, fail) => {
    socket.once('open', () => ok());
    socket.once('error', fail);
  });
  let nextId = 0;
  const waiting = new Map<number, (m: Message) => void>();
  const workers: string[] = [];
  const consoleLines: string[] = [];
  const exceptions: string[] = [];
  const listeners = new Set<() => void>();
  /** Sessions of the engine document and of the service worker, whose console and exceptions are watched. */
  const watched = new Set<string>();

  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> =>
    new Promise((ok, fail) => {
      const id = ++nextId;
      waiting.set(id, (m) => (m.error ? fail(new Error(`${method}: ${m.error.message}`)) : ok(m.result ?? {})));
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  const watch = async (sessionId: string): Promise<void> => {
    watched.add(sessionId);
    await send('Runtime.enable', {}, sessionId).catch(() => undefined);
  };

  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    if (message.id !== undefined) {
      waiting.get(message.id)?.(message);
      waiting.delete(message.id);
      return;
    }
    const params = message.params ?? {};
    if (message.method === 'Target.attachedToTarget') {
      const info = params.targetInfo as TargetInfo;
      const sessionId = params.sessionId as string;
      if (info.type === 'worker' && info.title === 'glimpse-caption') workers.push(sessionId);
      void watch(sessionId);
      for (const listener of listeners) listener();
    } else if (message.method === 'Runtime.consoleAPICalled' && message.sessionId && watched.has(message.sessionId)) {
      const args = (params.args as { value?: unknown; description?: string }[]).map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? '')));
      consoleLines.push(`${String(params.type)}: ${args.join(' ')}`);
    } else if (message.method === 'Runtime.exceptionThrown' && message.sessionId && watched.has(message.sessionId)) {
      const details = params.exceptionDetails as { text: string; exception?: { description?: string } };
      exceptions.push(`${details.text} ${details.exception?.description ?? ''}`.trim());
    }
  });

  // The engine document appears once the first image is sent for captioning.
  const deadline = Date.now() + timeoutMs;
  let engine: TargetInfo | undefined;
  let serviceWorker: TargetInfo | undefined;
  while (!engine) {
    const { targetInfos } = (await send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    engine = targetInfos.find((t) => t.type === 'background_page' && t.url.endsWith('/src/engine/offscreen.html'));
    serviceWorker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!engine) {
      if (Date.now() > deadline) throw new Error('the engine document did not start');
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  let engineSession = '';
  for (const target of [engine, serviceWorker]) {
    if (!target) continue;
    const { sessionId } = (await send('Target.attachToTarget', { targetId: target.targetId, flatten: true })) as { sessionId: string };
    if (target === engine) engineSession = sessionId;
    await watch(sessionId);
    // The engine's workers (existing and future) attach as their own sessions.
    if (target === engine) await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId);
  }

  const evaluate = async (expression: string, sessionId: string, where: string): Promise<unknown> => {
    const { result, exceptionDetails } = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (exceptionDetails) throw new Error(`in ${where}: ${exceptionDetails.text} ${exceptionDetails.exception?.description ?? ''}`);
    return result.value;
  };

  return {
    workers,
    console: consoleLines,
    exceptions,
    send,
    waitForWorker(after, ms = 120_000) {
      const found = (): string | undefined => {
        const last = workers.at(-1);
        return last !== undefined && last !== after ? last : undefined;
      };
      return new Promise((ok, fail) => {
        const now = found();
        if (now) return ok(now);
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`no new caption worker within ${ms} ms`));
        }, ms);
        function check(): void {
          const session = found();
          if (!session) return;
          clearTimeout(timer);
          listeners.delete(check);
          ok(session);
        }
        listeners.add(check);
      });
    },
    async evaluateInWorker(expression, awaitReply = true) {
      const session = workers.at(-1);
      if (!session) throw new Error('no caption worker');
      const reply = evaluate(expression, session, 'the caption worker');
      if (!awaitReply) {
        reply.catch(() => undefined);
        return undefined;
      }
      return reply;
    },
    evaluateInEngine: (expression) => evaluate(expression, engineSession, 'the engine document'),
    async terminateWorkers() {
      const { result: prototype } = (await send('Runtime.evaluate', { expression: 'Worker.prototype' }, engineSession)) as { result: { objectId: string } };
      const { objects } = (await send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId }, engineSession)) as { objects: { objectId: string } };
      const { result } = (await send('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: 'function () { for (const w of this) w.terminate(); return this.length; }', returnByValue: true }, engineSession)) as { result: { value: number } };
      return result.value;
    },
    close() {
      socket.close();
    },
  };
}
