/** How the site audit names itself to the sites it crawls. */
import pkg from '../../../package.json' with { type: 'json' };

/** The robots.txt token the crawl obeys (a `User-agent: GlimpseAudit` group, else `*`). */
export const ROBOTS_USER_AGENT = 'GlimpseAudit';

/** The User-Agent header of every request the audit makes: the browser's pages and the image fetches. */
export const AUDIT_USER_AGENT = `Mozilla/5.0 (compatible; ${ROBOTS_USER_AGENT}/${pkg.version}; Glimpse site image audit, on-device)`;
