/**
 * How many frames a GIF holds, by walking its blocks (no pixel is decoded):
 * the engine describes an animation from its first frame, and says so.
 * No library answers this without decoding every frame (gifuct-js, omggif
 * decompress the LZW data); the block layout is the GIF89a specification's.
 *
 * @example
 *   gifFrameCount(bytes) // 5000, or null when the bytes are not a GIF
 */

/** Frames in the GIF `bytes` (stops at the trailer or the end of the data), or null when it is not a GIF. */
export function gifFrameCount(bytes: Uint8Array): number | null {
  const signature = String.fromCharCode(...bytes.subarray(0, 6));
  if (signature !== 'GIF87a' && signature !== 'GIF89a') return null;
  const tableSize = (flags: number): number => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  /** Skips data sub-blocks starting at `at`; returns the offset after the block terminator. */
  const skipSubBlocks = (at: number): number => {
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at]! + 1;
    return at + 1;
  };
  let at = 13 + tableSize(bytes[10] ?? 0);
  let frames = 0;
  while (at < bytes.length) {
    const block = bytes[at];
    if (block === 0x2c) {
      frames++;
      at += 10 + tableSize(bytes[at + 9] ?? 0) + 1; // descriptor, local table, LZW minimum code size
      at = skipSubBlocks(at);
    } else if (block === 0x21) {
      at = skipSubBlocks(at + 2);
    } else break; // trailer (0x3b) or damage: what was counted stands
  }
  return frames;
}

/** The reason an auditor reads for an animation described from its first frame, or null for a still image. */
export function animationNote(bytes: Uint8Array): string | null {
  const frames = gifFrameCount(bytes);
  return frames !== null && frames > 1 ? `The GIF is an animation of ${frames.toLocaleString('en')} frames; it was described from its first frame.` : null;
}
