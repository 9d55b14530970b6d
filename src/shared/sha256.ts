/**
 * sha256 of bytes as lower-case hex, with Web Crypto, so the engine (caption
 * cache keys), extension pages and Node (model verification, tests) share it.
 *
 * @example await sha256Hex(new TextEncoder().encode('abc')) // 'ba7816bf…'
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
