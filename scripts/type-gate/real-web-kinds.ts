/**
 * The kinds of the real-web dev set (../shared/data/real-web/labels.json) as
 * the gate's types: a receipt (`text` / `document`) should be a document, a
 * gallery map (`chart` / `map`) a map.
 */
export const REAL_WEB_KINDS = ['photo', 'chart', 'map', 'logo', 'screenshot', 'document'] as const;
export type RealWebKind = (typeof REAL_WEB_KINDS)[number];

export function realWebKind(row: { type: string; subtype?: string }): RealWebKind {
  if (row.subtype === 'document') return 'document';
  if (row.subtype === 'map') return 'map';
  if ((REAL_WEB_KINDS as readonly string[]).includes(row.type)) return row.type as RealWebKind;
  throw new Error(`real-web row of unknown kind ${row.type}/${row.subtype ?? ''}`);
}

/** The kind a gate verdict names (types with no real-web kind, e.g. illustration, name themselves). */
export function kindOfType(type: string): string {
  return type;
}
