/**
 * A ModelSource that reads model files shipped inside the extension over
 * fetch (the worker has no extension APIs, so the folder URL is passed in).
 *
 * Extension resources that don't exist fail with net::ERR_FILE_NOT_FOUND,
 * which fetch reports as a TypeError: that is the "file is absent" answer the
 * captioner expects (null), so it can name the missing file.
 *
 * @example
 *   const source = fetchModelSource('glimpse-captioner', 'chrome-extension://…/models/glimpse-captioner/');
 */
import type { ModelSource } from '../captioner/types';

export function fetchModelSource(id: string, folderUrl: string): ModelSource {
  return {
    id,
    async read(path: string): Promise<Uint8Array | null> {
      let response: Response;
      try {
        response = await fetch(new URL(path, folderUrl));
      } catch {
        return null;
      }
      if (!response.ok) return null;
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
