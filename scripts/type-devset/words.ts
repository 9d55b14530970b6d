/**
 * Seeded word sources for scene text: real English words, names, product
 * names, numbers and prices. Every helper returns plain text with no markup.
 */
import type { Rng } from './rng';

export const NOUNS = [
  'river', 'garden', 'market', 'window', 'harbor', 'coffee', 'letter', 'forest', 'bridge', 'station',
  'kitchen', 'island', 'summer', 'winter', 'mountain', 'city', 'village', 'music', 'paper', 'table',
  'energy', 'travel', 'health', 'school', 'library', 'bakery', 'studio', 'office', 'project', 'report',
  'budget', 'account', 'profile', 'network', 'service', 'product', 'order', 'customer', 'team', 'meeting',
  'weather', 'season', 'holiday', 'festival', 'concert', 'gallery', 'museum', 'theatre', 'cinema', 'planet',
  'ocean', 'desert', 'valley', 'meadow', 'candle', 'lamp', 'chair', 'jacket', 'shoes', 'bicycle',
  'camera', 'phone', 'laptop', 'garden', 'recipe', 'dinner', 'breakfast', 'picnic', 'journey', 'story',
  'sales', 'revenue', 'growth', 'traffic', 'visitors', 'members', 'tickets', 'rainfall', 'output', 'demand',
] as const;

export const ADJECTIVES = [
  'bright', 'quiet', 'fresh', 'golden', 'simple', 'modern', 'classic', 'happy', 'rapid', 'gentle',
  'bold', 'clever', 'honest', 'local', 'global', 'daily', 'weekly', 'annual', 'green', 'blue',
  'silver', 'wild', 'urban', 'little', 'grand', 'smart', 'secure', 'open', 'free', 'better',
  'northern', 'southern', 'total', 'average', 'new', 'early', 'late', 'warm', 'cool', 'solid',
] as const;

export const VERBS = [
  'discover', 'build', 'share', 'explore', 'create', 'learn', 'join', 'save', 'start', 'travel',
  'grow', 'cook', 'read', 'listen', 'connect', 'plan', 'celebrate', 'visit', 'order', 'try',
] as const;

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Clara', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Irene', 'Jonas',
  'Kira', 'Liam', 'Maya', 'Noah', 'Olivia', 'Pablo', 'Quinn', 'Rosa', 'Sam', 'Tara',
  'Umar', 'Vera', 'Will', 'Yuki', 'Zoe', 'Aisha', 'Marco', 'Nina', 'Omar', 'Priya',
] as const;

export const LAST_NAMES = [
  'Adams', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ivanov', 'Jensen',
  'Kim', 'Lopez', 'Martin', 'Nakamura', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Turner', 'Walsh',
] as const;

export const CITIES = [
  'Lisbon', 'Oslo', 'Denver', 'Austin', 'Dublin', 'Vienna', 'Lyon', 'Porto', 'Seattle', 'Boston',
  'Madrid', 'Berlin', 'Tokyo', 'Sydney', 'Toronto', 'Nairobi', 'Chicago', 'Prague', 'Milan', 'Bristol',
] as const;

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const BRAND_HEADS = ['Nova', 'Blue', 'Bright', 'Swift', 'Terra', 'Pixel', 'Cedar', 'Lumen', 'Orbit', 'Harbor', 'Maple', 'Atlas', 'Echo', 'Zen', 'Vista', 'Peak'] as const;
const BRAND_TAILS = ['labs', 'works', 'ly', 'hub', 'base', 'leaf', 'wave', 'stack', 'field', 'point', 'nest', 'forge'] as const;
const PRODUCTS = ['Headphones', 'Sneakers', 'Backpack', 'Watch', 'Blender', 'Kettle', 'Lamp', 'Jacket', 'Speaker', 'Mug', 'Notebook', 'Sunglasses', 'Tent', 'Bottle'] as const;

export function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function title(words: string[]): string {
  return words.map(cap).join(' ');
}

export function brand(rng: Rng): string {
  return rng.pick(BRAND_HEADS) + rng.pick(BRAND_TAILS);
}

export function product(rng: Rng): string {
  return `${rng.pick(ADJECTIVES) === 'new' ? 'New' : cap(rng.pick(ADJECTIVES))} ${rng.pick(PRODUCTS)}`;
}

export function person(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

export function phrase(rng: Rng, min: number, max: number): string {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    out.push(r < 0.45 ? rng.pick(NOUNS) : r < 0.75 ? rng.pick(ADJECTIVES) : r < 0.9 ? rng.pick(VERBS) : rng.pick(['and', 'the', 'with', 'for', 'your', 'our', 'new', 'all']));
  }
  return out.join(' ');
}

/** A short sentence, capitalised, with a full stop. */
export function sentence(rng: Rng, min = 4, max = 9): string {
  return `${cap(phrase(rng, min, max))}.`;
}

/** A chart or section title such as "Weekly Visitors by City". */
export function heading(rng: Rng): string {
  const forms = [
    () => `${cap(rng.pick(ADJECTIVES))} ${cap(rng.pick(NOUNS))}`,
    () => `${cap(rng.pick(NOUNS))} by ${cap(rng.pick(['month', 'region', 'city', 'team', 'year', 'channel']))}`,
    () => `${cap(rng.pick(ADJECTIVES))} ${cap(rng.pick(NOUNS))} ${rng.int(2019, 2026)}`,
  ];
  return rng.pick(forms)();
}

export function price(rng: Rng): string {
  const currency = rng.pick(['$', '€', '£']);
  const whole = rng.int(3, 499);
  return rng.chance(0.6) ? `${currency}${whole}.${rng.pick(['99', '95', '49', '00'])}` : `${currency}${whole}`;
}

export function percent(rng: Rng, lo = 5, hi = 95): string {
  return `${rng.int(lo, hi)}%`;
}

/** An integer formatted with thousands separators. */
export function count(rng: Rng, lo: number, hi: number): string {
  return rng.int(lo, hi).toLocaleString('en-US');
}

export function time(rng: Rng): string {
  return `${rng.int(1, 12)}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}

export function email(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES).toLowerCase()}@${brand(rng).toLowerCase()}.com`;
}
