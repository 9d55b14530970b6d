/**
 * Downloads the audit as JSON or CSV through a Blob link clicked from the
 * content script (no extension permission needed, nothing sent anywhere).
 */
import { toCsv, type AuditReport } from '../../shared/audit';

function fileBase(report: AuditReport): string {
  const host = new URL(report.url).hostname.replace(/[^a-z0-9.-]/gi, '_') || 'page';
  return `glimpse-audit-${host}-${report.generatedAt.slice(0, 19).replace(/[:T]/g, '-')}`;
}

/**
 * @example
 *   downloadAudit(report, 'csv', shadowRoot);
 */
export function downloadAudit(report: AuditReport, format: 'json' | 'csv', within: ShadowRoot): void {
  const body = format === 'json' ? JSON.stringify(report, null, 2) : toCsv(report.rows);
  const type = format === 'json' ? 'application/json' : 'text/csv';
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileBase(report)}.${format}`;
  // Inside the overlay's shadow root, so the page never sees the link.
  within.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in Chrome; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
