/**
 * The per-host rate limit of the site audit: at most `perSecond` requests to
 * one host (host and port), pages and image fetches alike, counted from one
 * answer to the next request. It alone paces the crawl: Crawlee's own
 * `sameDomainDelaySecs` is left off, since it groups by registrable domain,
 * lets a host without one (an IP address, localhost) through unpaced, and
 * would pace every page a second time.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class HostPacer {
  /** Per host, the earliest time the next request may start. */
  private readonly next = new Map<string, number>();
  private readonly gapMs: number;

  constructor(perSecond: number, private readonly now: () => number = Date.now, private readonly pause: (ms: number) => Promise<unknown> = sleep) {
    if (!(perSecond > 0)) throw new Error(`requests per second must be above 0, not ${perSecond}`);
    this.gapMs = 1000 / perSecond;
  }

  private static host(url: string): string | null {
    try {
      const { protocol, host } = new URL(url);
      return /^https?:$/.test(protocol) ? host : null;
    } catch {
      return null;
    }
  }

  /** Waits for the host's turn and takes it (a data: or unparsable URL goes at once). */
  async turn(url: string): Promise<void> {
    const host = HostPacer.host(url);
    if (host === null) return;
    const at = Math.max(this.now(), this.next.get(host) ?? -Infinity);
    // Taken now, so two callers never share one turn.
    this.next.set(host, at + this.gapMs);
    const wait = at - this.now();
    if (wait > 0) await this.pause(wait);
  }

  /** The answer came: the next request to the host waits a whole gap from now. */
  answered(url: string): void {
    const host = HostPacer.host(url);
    if (host !== null) this.next.set(host, Math.max(this.next.get(host) ?? -Infinity, this.now() + this.gapMs));
  }
}
