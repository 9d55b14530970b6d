/**
 * Images that are mostly text: sale banners, quote cards, headlines and
 * posters, announcements, social text posts, menu boards and event flyers.
 * Font sizes are picked so each line fits its width.
 */
import type { Rng } from './rng';
import { CITIES, DAYS, MONTHS, NOUNS, VERBS, brand, cap, person, phrase, price, product, sentence, time } from './words';
import { PALE, STRONG, esc, fitFont, font, frame, hsl, size, type Scene, type SceneFamily } from './scene';

/** A background that carries light text, or dark text when `light` is false. */
function background(rng: Rng, light: boolean): { bg: string; fg: string } {
  if (light) {
    const h = rng.int(0, 359);
    const bg = rng.pick([
      () => rng.pick(STRONG),
      () => `linear-gradient(${rng.int(0, 360)}deg, ${hsl(h, 70, 35)}, ${hsl((h + rng.int(30, 90)) % 360, 70, 28)})`,
      () => `radial-gradient(circle at ${rng.int(10, 90)}% ${rng.int(10, 90)}%, ${hsl(h, 60, 38)}, ${hsl(h, 60, 16)})`,
    ])();
    return { bg, fg: '#ffffff' };
  }
  const h = rng.int(0, 359);
  const bg = rng.pick([() => rng.pick(PALE), () => `linear-gradient(${rng.int(0, 360)}deg, ${hsl(h, 80, 92)}, ${hsl((h + 40) % 360, 80, 84)})`])();
  return { bg, fg: rng.pick(['#111111', '#1f2937', '#3b0764', '#7c2d12', '#0c4a6e']) };
}

interface Line {
  text: string;
  /** Largest font size for this line. */
  max: number;
  weight?: 'bold' | 'normal';
  style?: string;
}

/** Centred or left-aligned stacked lines, each sized to fit the width. */
function stack(rng: Rng, width: number, height: number, lines: Line[], o: { bg: string; fg: string; family: string; align?: string; factor?: number; pad?: number }): Scene {
  const pad = o.pad ?? Math.round(width * rng.float(0.06, 0.1));
  const inner = width - pad * 2;
  const align = o.align ?? rng.pick(['center', 'center', 'left']);
  const html = lines
    .map((l) => {
      const fs = fitFont(l.text, inner, 9, l.max, o.factor ?? (l.weight === 'bold' ? 0.68 : 0.6));
      return `<div style="font-size:${fs}px;font-weight:${l.weight ?? 'normal'};line-height:1.2;margin:${Math.round(fs * 0.25)}px 0;${l.style ?? ''}">${esc(l.text)}</div>`;
    })
    .join('');
  return frame(
    { width, height, background: o.bg, color: o.fg, fontFamily: o.family, grow: true, style: `display:flex;flex-direction:column;justify-content:center;align-items:stretch;text-align:${align};padding:${pad}px` },
    html,
  );
}

function sale(rng: Rng): Scene {
  // A quarter are tall "skyscraper" ads (up to 1:4); the rest wide banners.
  const tall = rng.fork('layout').chance(0.25);
  const { width, height } = tall ? size(rng, 120, 300, 0.25, 0.6) : size(rng, 240, 1200, 1.5, 4);
  const { bg, fg } = background(rng, rng.chance(0.7));
  const off = `${rng.pick([10, 15, 20, 25, 30, 40, 50, 60, 70])}% OFF`;
  const lines: Line[] = rng.pick([
    () => [{ text: 'SALE', max: height * 0.3, weight: 'bold' as const }, { text: off, max: height * 0.22, weight: 'bold' as const }],
    () => [{ text: `${rng.pick(['SUMMER', 'WINTER', 'SPRING', 'FLASH', 'MEGA', 'WEEKEND'])} SALE`, max: height * 0.25, weight: 'bold' as const }, { text: `UP TO ${off}`, max: height * 0.16, weight: 'bold' as const }, { text: rng.pick(['Shop now', 'Ends Sunday', 'Limited time only', 'Online and in store']), max: height * 0.1 }],
    () => [{ text: rng.pick(['Black Friday', 'Clearance', 'Big Deals', 'Final Sale']), max: height * 0.22, weight: 'bold' as const }, { text: `${product(rng)} now ${price(rng)}`, max: height * 0.12 }, { text: `Use code ${rng.pick(NOUNS).toUpperCase()}${rng.int(10, 99)}`, max: height * 0.1 }],
  ])();
  return stack(rng, width, height, lines, { bg, fg, family: font(rng, 'sans') });
}

function quote(rng: Rng): Scene {
  const { width, height } = size(rng, 240, 900, 0.8, 1.6);
  const { bg, fg } = background(rng, rng.chance(0.5));
  const q = `“${sentence(rng, 5, 12)}”`;
  const fs = Math.max(12, Math.min(36, Math.round(Math.sqrt((width * height * 0.25) / Math.max(1, q.length)) )));
  return frame(
    { width, height, background: bg, color: fg, fontFamily: font(rng, rng.chance(0.6) ? 'serif' : 'sans'), grow: true, style: `display:flex;flex-direction:column;justify-content:center;padding:${Math.round(width * 0.08)}px;text-align:${rng.pick(['center', 'left'])}` },
    `<div style="font-size:${fs}px;line-height:1.3;font-style:${rng.pick(['italic', 'normal'])}">${esc(q)}</div><div style="margin-top:${fs * 0.8}px;font-size:${Math.max(10, Math.round(fs * 0.55))}px;opacity:0.9">— ${esc(person(rng))}</div>`,
  );
}

function headline(rng: Rng): Scene {
  const { width, height } = size(rng, 200, 1000, 0.5, 2.5);
  const { bg, fg } = background(rng, rng.chance(0.5));
  const main = `${cap(rng.pick(VERBS))} ${rng.pick(['the', 'your', 'a', 'every'])} ${rng.pick(NOUNS)}`;
  const words = rng.chance(0.5) ? main.toUpperCase().split(' ') : [main];
  const lines: Line[] = words.map((w) => ({ text: w, max: Math.min(height / (words.length + 1.5), 120), weight: 'bold' as const }));
  if (rng.chance(0.7)) lines.push({ text: sentence(rng, 3, 7), max: Math.max(10, height * 0.06) });
  return stack(rng, width, height, lines, { bg, fg, family: font(rng, 'any') });
}

function announcement(rng: Rng): Scene {
  const { width, height } = size(rng, 260, 1000, 1.0, 3.0);
  const { bg, fg } = background(rng, rng.chance(0.5));
  const lines: Line[] = [
    { text: rng.pick(['ANNOUNCEMENT', 'Important Notice', 'We are moving', 'Now Open', 'Coming Soon', 'Closed for holidays']), max: height * 0.16, weight: 'bold' },
    { text: sentence(rng, 5, 9), max: height * 0.08 },
    { text: `${rng.pick(DAYS)} ${rng.int(1, 28)} ${rng.pick(MONTHS)} from ${time(rng)}`, max: height * 0.08 },
  ];
  if (rng.chance(0.5)) lines.push({ text: `${brand(rng)} ${rng.pick(['Team', 'Store', 'Library', 'Studio'])}`, max: height * 0.06, style: 'opacity:0.85' });
  return stack(rng, width, height, lines, { bg, fg, family: font(rng, 'any') });
}

function socialPost(rng: Rng): Scene {
  const { width, height } = size(rng, 240, 700, 0.8, 1.25);
  const { bg, fg } = background(rng, rng.chance(0.5));
  const body = Array.from({ length: rng.int(1, 3) }, () => sentence(rng, 4, 10)).join(' ');
  const fs = Math.max(12, Math.min(40, Math.round(Math.sqrt((width * height * 0.22) / Math.max(1, body.length)))));
  const tags = rng.chance(0.6) ? `<div style="margin-top:${fs * 0.6}px;font-size:${Math.max(10, Math.round(fs * 0.6))}px;opacity:0.9">${rng.sample(NOUNS, rng.int(1, 3)).map((t) => `#${t}`).join(' ')}</div>` : '';
  const handle = `<div style="font-size:${Math.max(10, Math.round(fs * 0.55))}px;opacity:0.9;margin-bottom:${fs * 0.6}px">@${esc(brand(rng).toLowerCase())}</div>`;
  return frame(
    { width, height, background: bg, color: fg, fontFamily: font(rng, 'sans'), grow: true, style: `display:flex;flex-direction:column;justify-content:center;padding:${Math.round(width * 0.09)}px` },
    `${handle}<div style="font-size:${fs}px;line-height:1.3;font-weight:${rng.pick(['bold', 'normal'])}">${esc(body)}</div>${tags}`,
  );
}

function menuBoard(rng: Rng): Scene {
  const { width, height } = size(rng, 260, 900, 0.6, 1.6);
  const dark = rng.chance(0.6);
  const bg = dark ? rng.pick(['#1c1917', '#14281d', '#1e293b', '#2b2118']) : rng.pick(PALE);
  const fg = dark ? '#f5f5f4' : '#1c1917';
  const accent = dark ? rng.pick(['#fbbf24', '#fca5a5', '#86efac']) : rng.pick(['#b91c1c', '#15803d', '#1d4ed8']);
  const dishes = ['Soup', 'Salad', 'Burger', 'Pasta', 'Pizza', 'Tacos', 'Curry', 'Pancakes', 'Coffee', 'Tea', 'Lemonade', 'Sandwich', 'Noodles', 'Omelette', 'Waffles'];
  const currency = rng.pick(['$', '€', '£']);
  const items = rng.sample(dishes, rng.int(3, 8)).map((d) => [`${cap(rng.pick(['house', 'garden', 'classic', 'spicy', 'fresh', 'grilled', 'iced', 'golden']))} ${d}`, `${currency}${rng.int(2, 24)}.${rng.pick(['00', '50', '95'])}`] as const);
  const fs = Math.max(11, Math.min(24, Math.round(Math.min(width / 22, (height * 0.75) / (items.length * 1.8 + 3)))));
  const head = rng.pick(['MENU', "Today's Specials", 'Breakfast', 'Lunch Menu', 'Drinks']);
  const rows = items.map(([n, p]) => `<div style="display:flex;justify-content:space-between;gap:12px;margin:${fs * 0.35}px 0"><span>${esc(n)}</span><span style="color:${accent}">${esc(p)}</span></div>`).join('');
  return frame(
    { width, height, background: bg, color: fg, fontFamily: font(rng, 'any'), grow: true, style: `padding:${Math.round(width * 0.07)}px;font-size:${fs}px` },
    `<div style="text-align:center;font-size:${Math.round(fs * 1.7)}px;font-weight:bold;color:${accent};margin-bottom:${fs * 0.6}px">${esc(head)}</div>${rows}`,
  );
}

function eventFlyer(rng: Rng): Scene {
  const { width, height } = size(rng, 220, 800, 0.5, 1.0);
  const { bg, fg } = background(rng, rng.chance(0.6));
  const lines: Line[] = [
    { text: `${cap(rng.pick(['live', 'open', 'summer', 'night', 'spring', 'street']))} ${cap(rng.pick(['music', 'market', 'festival', 'cinema', 'concert', 'fair', 'party']))}`, max: height * 0.12, weight: 'bold' },
    { text: `${rng.pick(DAYS)} ${rng.int(1, 28)} ${rng.pick(MONTHS)} ${time(rng)} PM`, max: height * 0.06 },
    { text: `${cap(rng.pick(NOUNS))} Hall, ${rng.pick(CITIES)}`, max: height * 0.05 },
    { text: cap(phrase(rng, 3, 6)), max: height * 0.045, style: 'opacity:0.9' },
    { text: rng.chance(0.5) ? `Tickets ${price(rng)}` : 'Free entry', max: height * 0.06, weight: 'bold' },
  ];
  return stack(rng, width, height, lines, { bg, fg, family: font(rng, 'any') });
}

export const TEXT_IMAGES: SceneFamily = {
  sale,
  quote,
  headline,
  announcement,
  'social-post': socialPost,
  'menu-board': menuBoard,
  'event-flyer': eventFlyer,
};
