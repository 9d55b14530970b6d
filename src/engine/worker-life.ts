/**
 * Knowing when the caption worker is gone. A dedicated worker that ends by
 * itself (it called close(), or the browser ended it) fires no event at its
 * owner, and Comlink never settles the calls it had in hand, so a caption
 * would wait for its whole deadline (minutes). Instead the worker holds a
 * Web Lock for its lifetime (`holdLife`), and the engine document asks for
 * the same lock (`whenEnded`): the browser grants it the moment the worker's
 * global scope is gone, however it ended.
 *
 * @example
 *   // in the worker:   holdLife(name) resolves once the lock is held
 *   // in the document: whenEnded(name, () => restart())
 */

/** Holds the lock `name` until this context ends; resolves once it is held. */
export function holdLife(name: string, locks: LockManager = navigator.locks): Promise<void> {
  return new Promise((held) => {
    void locks.request(name, () => {
      held();
      return new Promise<never>(() => undefined);
    });
  });
}

/** Calls `ended` once the context holding the lock `name` (see holdLife) is gone. */
export function whenEnded(name: string, ended: () => void, locks: LockManager = navigator.locks): void {
  void locks.request(name, () => ended());
}

/** A lock name for one worker's lifetime. */
export function lifeLockName(): string {
  return `glimpse-caption-worker-${crypto.randomUUID()}`;
}
