/**
 * Whether a URL points into a private network: loopback, link-local,
 * private (RFC 1918, unique-local IPv6), carrier-grade NAT, unspecified and
 * other non-public ranges, by literal address (IPv4, IPv6, IPv4-mapped IPv6)
 * or by a name that only resolves locally (`localhost`, `*.localhost`,
 * `*.local`, `*.internal`, `*.home.arpa`, single-label intranet names).
 *
 * The engine fetches with the extension's host permissions, which CORS and
 * the browser's private-network protections don't bind; a public page must
 * not be able to point an <img> at a router or a local service and read the
 * text Glimpse writes back. Extension pages can't see DNS answers, so a
 * public name that resolves to a private address (DNS rebinding) is not
 * caught here.
 *
 * @example
 *   privateAddressKind('http://192.168.1.1/cam.jpg') // → 'private'
 *   privateAddressKind('https://example.org/a.jpg')  // → null
 */
import ipaddr from 'ipaddr.js';

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan'];
/** ipaddr.js ranges that are reachable from the public internet. */
const PUBLIC_RANGES = new Set(['unicast', '6to4', 'teredo']);

/** The kind of private address `url` names ('loopback', 'private', 'linkLocal', …), or null for a public one (or a non-network URL). */
export function privateAddressKind(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (ipaddr.isValid(host)) {
    const range = ipaddr.process(host).range();
    return PUBLIC_RANGES.has(range) ? null : range;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'local name';
  if (!host.includes('.')) return 'local name';
  return null;
}

/** Plain words for a kind, for the audit: "a loopback address (this computer)". */
export function privateAddressWords(kind: string): string {
  const words: Record<string, string> = {
    loopback: 'a loopback address (this computer)',
    private: 'a private network address',
    linkLocal: 'a link-local address',
    uniqueLocal: 'a private network address',
    carrierGradeNat: 'a carrier-grade NAT address',
    unspecified: 'an unspecified address',
    'local name': 'a name that only resolves on the local network',
  };
  return words[kind] ?? 'a non-public address';
}

/**
 * Where the asking frame's document came from, for the private-address check:
 * its origin, or, for an opaque origin (a sandboxed iframe), the address of its
 * URL, which served the document all the same. about:blank and srcdoc frames
 * inherit a real origin from their parent; an opaque one with no address of its
 * own ('about:srcdoc', 'data:') stays 'null' (not private).
 *
 * @example
 *   askingAddress('null', 'http://192.168.1.1/frame.html') // → 'http://192.168.1.1'
 */
export function askingAddress(origin: string | undefined, url: string | undefined): string {
  if (origin && origin !== 'null') return origin;
  try {
    return url ? new URL(url).origin : 'null';
  } catch {
    return 'null';
  }
}
