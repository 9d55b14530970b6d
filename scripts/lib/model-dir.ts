/**
 * A {@link ModelSource} over a model directory on disk, for Node (tests, eval
 * and bench scripts). Kept outside src/captioner, which must stay importable
 * in a worker with no `fs`.
 *
 * @example
 *   const captioner = createCaptioner();
 *   await captioner.load(modelDir('models/tiny-random'));
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ModelSource } from '../../src/captioner/types';

export function modelDir(dir: string, id = basename(resolve(dir))): ModelSource {
  const root = resolve(dir);
  return {
    id,
    async read(path) {
      try {
        return new Uint8Array(await readFile(join(root, path)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async list(folder) {
      try {
        return (await readdir(join(root, folder))).map((name) => `${folder}/${name}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}
