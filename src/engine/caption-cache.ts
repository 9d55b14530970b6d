/**
 * Caption cache in IndexedDB, keyed by the SHA-256 of the image bytes and the
 * model (its id, and for a downloaded model the hash of its files' hashes), so a revisited page (or the same picture at another URL) is
 * labelled without running the model. Partitioned by the tab's top-level
 * site: a hit answers faster than a miss, and that timing must not tell one
 * site which images the user saw on another. Bounded by entry count with
 * least-recently-used eviction; clearable from the settings page.
 *
 * @example
 *   const key = cacheKey('https://news.example', modelId, await sha256Hex(bytes));
 *   const hit = await cache.get(key);
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CaptionSuccess } from '../shared/messages';

export type CachedCaption = Omit<CaptionSuccess, 'cached' | 'ok'>;

interface Entry extends CachedCaption {
  key: string;
  lastUsed: number;
}

interface CacheSchema extends DBSchema {
  captions: { key: string; value: Entry; indexes: { lastUsed: number } };
}

/** About 0.5 KB an entry, so the cache stays near a few megabytes. */
export const MAX_ENTRIES = 5000;

/**
 * What an answer holds changes with the describe path as well as the model
 * (concepts were added in 2, the speaking model's name in 3, the image-type gate reading the backbone's pooled
 * features in 4): answers cached by an older path are not reused.
 */
export const DESCRIBE_PATH_VERSION = 4;

/** The top-level site partitions the cache; a file-name hint can tip the image-type gate, so it is part of the key. */
export function cacheKey(site: string, modelId: string, hash: string, hint: string | null = null): string {
  const model = `${modelId}@${DESCRIBE_PATH_VERSION}`;
  const key = hint ? `${model}:${hint}:${hash}` : `${model}:${hash}`;
  return `${site} ${key}`;
}

export class CaptionCache {
  private db: Promise<IDBPDatabase<CacheSchema>> | null = null;

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  private open(): Promise<IDBPDatabase<CacheSchema>> {
    this.db ??= openDB<CacheSchema>('glimpse-captions', 1, {
      upgrade(db) {
        db.createObjectStore('captions', { keyPath: 'key' }).createIndex('lastUsed', 'lastUsed');
      },
    });
    return this.db;
  }

  /** The cached caption, marked as used now; undefined on a miss. */
  async get(key: string): Promise<CachedCaption | undefined> {
    const tx = (await this.open()).transaction('captions', 'readwrite');
    const entry = await tx.store.get(key);
    if (entry) await tx.store.put({ ...entry, lastUsed: Date.now() });
    await tx.done;
    if (!entry) return undefined;
    // Entries written before the image-type gate existed lack its fields: they count as misses.
    if (!('captioned' in entry)) return undefined;
    const { key: entryKey, lastUsed, ...caption } = entry;
    return caption;
  }

  /** Stores a caption, evicting the least recently used entries over the bound. */
  async put(key: string, caption: CachedCaption): Promise<void> {
    const tx = (await this.open()).transaction('captions', 'readwrite');
    await tx.store.put({ ...caption, key, lastUsed: Date.now() });
    let excess = (await tx.store.count()) - this.maxEntries;
    if (excess > 0) {
      let cursor = await tx.store.index('lastUsed').openCursor();
      while (cursor && excess > 0) {
        await cursor.delete();
        excess--;
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  /** Empties the cache; returns how many captions were removed. */
  async clear(): Promise<number> {
    const tx = (await this.open()).transaction('captions', 'readwrite');
    const count = await tx.store.count();
    await tx.store.clear();
    await tx.done;
    return count;
  }

  async size(): Promise<number> {
    return (await this.open()).count('captions');
  }
}
