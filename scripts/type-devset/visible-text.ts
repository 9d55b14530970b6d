/**
 * The in-page check run after each scene is laid out: lets a growable root
 * take its content's height, then lists the words of every text node in
 * document order with the problems that would make any of them unreadable
 * (not rendered, outside the scene or a clipping box, overlapping other
 * text, too small).
 *
 * Kept as source text for page.evaluate, so no bundler helpers leak into it.
 */

export interface VisibleText {
  words: string[];
  problems: string[];
  width: number;
  height: number;
}

export const VISIBLE_TEXT_SOURCE = String.raw`(() => {
  const root = document.getElementById('scene');
  if (!root) return { words: [], problems: ['no #scene'], width: 0, height: 0 };
  if (root.style.minHeight && root.scrollHeight > root.clientHeight) root.style.height = root.scrollHeight + 'px';
  const rr = root.getBoundingClientRect();
  const words = [];
  const problems = [];
  const boxes = [];
  const inside = (r, box) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let index = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('style,script')) continue;
    const ws = node.data.split(/\s+/).filter(Boolean);
    if (ws.length === 0) continue;
    words.push(...ws);
    const label = JSON.stringify(ws.join(' ').slice(0, 40));
    const cs = getComputedStyle(parent);
    if (cs.visibility !== 'visible' || Number(cs.opacity) < 0.3) problems.push(label + ' hidden');
    if (parseFloat(cs.fontSize) < 7) problems.push(label + ' font ' + cs.fontSize);
    let rects;
    if (parent instanceof SVGElement) rects = [parent.getBoundingClientRect()];
    else { const range = document.createRange(); range.selectNodeContents(node); rects = [...range.getClientRects()]; }
    rects = rects.filter((r) => r.width > 0.5 && r.height > 0.5);
    if (rects.length === 0) { problems.push(label + ' not rendered'); continue; }
    for (const r of rects) {
      if (!inside(r, rr)) { problems.push(label + ' outside the scene'); break; }
      for (let a = parent; a && a !== root; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
          if (!inside(r, a.getBoundingClientRect())) { problems.push(label + ' clipped'); break; }
        }
      }
      boxes.push({ index, r, label });
    }
    index++;
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.index === b.index) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w <= 0 || h <= 0) continue;
      const small = Math.min(a.r.width * a.r.height, b.r.width * b.r.height);
      if (w * h > 0.2 * small) problems.push(a.label + ' overlaps ' + b.label);
    }
  }
  return { words, problems, width: Math.round(rr.width), height: Math.round(rr.height) };
})()`;
