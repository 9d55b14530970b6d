/**
 * The overlay's style sheet. Adopted as a constructable sheet, because page
 * CSPs without 'unsafe-inline' in style-src block <style> elements the
 * content script would insert, while CSSOM sheets and `element.style` aren't.
 * Colours give white text at least 7:1 contrast.
 */
export const STATUS_COLOURS: Record<string, string> = {
  missing: '#a50e1e',
  suspicious: '#7a4100',
  decorative: '#3b4a5a',
  labelled: '#1b5e20',
};

export const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.badges { position: absolute; inset: 0; pointer-events: none; }
.badge {
  position: absolute; left: 0; top: 0; max-width: 18rem; min-width: 4rem;
  padding: 2px 6px; border-radius: 3px; border: 1px solid #fff;
  font: 12px/1.35 system-ui, sans-serif; color: #fff; background: #333;
  box-shadow: 0 1px 3px rgba(0,0,0,.5); overflow: hidden;
}
.badge[hidden] { display: none; }
.badge .status { font-weight: 700; text-transform: capitalize; }
.badge .reason, .badge .suggestion, .badge .describe-decision {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden;
}
.badge .describe-decision { -webkit-line-clamp: 2; }
.badge .suggestion { font-style: italic; }
.badge.current { outline: 3px solid #1a5fb4; outline-offset: 2px; z-index: 1; }
.badge.compact .reason, .badge.compact .suggestion { display: none; }
${Object.entries(STATUS_COLOURS).map(([s, c]) => `.badge.${s}, .count.${s} .swatch { background: ${c}; }`).join('\n')}
.panel {
  position: fixed; right: 12px; bottom: 12px; width: 20rem; max-height: calc(100vh - 24px); overflow: auto;
  pointer-events: auto; background: #fff; color: #111; border: 2px solid #111; border-radius: 6px;
  padding: 12px; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.35);
}
.panel h2 { font-size: 16px; margin: 0 0 8px; }
.panel h2:focus { outline: none; }
.panel ul { list-style: none; margin: 0 0 10px; padding: 0; }
.count { display: flex; flex-wrap: wrap; align-items: center; gap: 0 8px; padding: 2px 0; }
.count .skips { flex-basis: 100%; padding-left: 20px; font-size: 12px; color: #333; }
.count .skips[hidden] { display: none; }
.count .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.count .n { margin-left: auto; font-variant-numeric: tabular-nums; font-weight: 700; }
.panel p { margin: 0 0 10px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
.navigator { margin-bottom: 10px; }
.navigator p { flex-basis: 100%; margin: 4px 0 0; }
.panel button {
  font: inherit; padding: 4px 10px; border: 2px solid #111; border-radius: 4px; background: #f2f2f2; color: #111; cursor: pointer;
}
.panel button:hover { background: #e0e0e0; }
.panel button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
`;
