/**
 * Links the site audit never follows, whatever --include says: following
 * them could sign the crawl out or change the site. Crawlee's enqueueLinks
 * gets them as `exclude` regexps; the README lists them. Data, with why.
 */
export const NEVER_FOLLOW: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /\/(log|sign)[-_]?(out|off)\b/i, why: 'signs the session out (/logout, /log-out, /signout, /sign_off…)' },
  { pattern: /[?&](logout|signout)(=|&|$)/i, why: 'signs the session out (?logout, &signout=…)' },
  { pattern: /[?&](action|do|op|cmd)=(delete|remove|destroy|logout|unsubscribe)\b/i, why: 'a state-changing action in the query (?action=delete…)' },
  { pattern: /[?&](delete|remove|destroy|drop|unsubscribe)(=|&|$)/i, why: 'a state-changing query (?delete, &remove=…)' },
  { pattern: /\/(delete|remove|destroy|unsubscribe)(\/|$|\?)/i, why: 'a state-changing path segment (/delete, /items/4/destroy…)' },
];

/** The never-follow regexps, for enqueueLinks' `exclude`. */
export const NEVER_FOLLOW_PATTERNS: RegExp[] = NEVER_FOLLOW.map((n) => n.pattern);

/** Why a URL is never followed, or null. */
export function neverFollowReason(url: string): string | null {
  return NEVER_FOLLOW.find((n) => n.pattern.test(url))?.why ?? null;
}

/**
 * Crawlee reports every link its enqueueLinks patterns dropped as 'filters':
 * told apart here for the report, after Crawlee did the filtering.
 */
export function refineSkipReason(url: string, reason: string, origins: ReadonlySet<string>): string {
  if (reason !== 'filters') return reason;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return reason;
  }
  if (!origins.has(origin)) return 'filters';
  return neverFollowReason(url) !== null ? 'neverFollow' : 'includeExclude';
}
