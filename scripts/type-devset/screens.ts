/**
 * Screenshots of software: forms, settings, dashboards, chat, mail, a site
 * hero, a code editor, a terminal, a phone app, an error dialog and search
 * results. HTML layouts whose root grows to fit its content.
 */
import type { Rng } from './rng';
import { CITIES, FIRST_NAMES, NOUNS, VERBS, brand, cap, count, email, heading, percent, person, phrase, price, product, sentence, time, title } from './words';
import { esc, font, frame, palette, size, type Palette, type Scene, type SceneFamily } from './scene';

interface Screen {
  rng: Rng;
  p: Palette;
  fs: number;
  width: number;
  height: number;
  family: string;
}

function screen(rng: Rng, lo: number, hi: number, aLo: number, aHi: number, dark = 0.3): Screen {
  const { width, height } = size(rng, lo, hi, aLo, aHi);
  return { rng, p: palette(rng, dark), fs: Math.round(Math.max(11, Math.min(16, width / 48))), width, height, family: font(rng, 'sans') };
}

function page(s: Screen, inner: string, chrome: 'browser' | 'window' | 'none' = s.rng.pick(['browser', 'window', 'none'] as const), url = ''): Scene {
  const dots = `<span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:#ef4444;margin-right:5px"></span><span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:#f59e0b;margin-right:5px"></span><span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:#22c55e;margin-right:12px"></span>`;
  const bar = chrome === 'none' ? '' : `<div style="display:flex;align-items:center;padding:7px 10px;background:${s.p.surface};border-bottom:1px solid ${s.p.muted}55;font-size:${Math.max(10, s.fs - 2)}px;color:${s.p.muted}">${dots}${chrome === 'browser' && url ? `<span style="background:${s.p.bg};padding:3px 10px;border-radius:10px;flex:1;min-width:0;overflow-wrap:anywhere">${esc(url)}</span>` : ''}</div>`;
  return frame({ width: s.width, height: s.height, background: s.p.bg, color: s.p.fg, fontFamily: s.family, grow: true, style: `font-size:${s.fs}px;line-height:1.35` }, bar + inner);
}

const input = (s: Screen, label: string, value: string) =>
  `<div style="margin:0 0 ${s.fs * 0.8}px"><div style="font-size:${s.fs - 1}px;color:${s.p.muted};margin-bottom:3px">${esc(label)}</div><div style="border:1px solid ${s.p.muted}88;border-radius:6px;padding:${s.fs * 0.5}px ${s.fs * 0.6}px;background:${s.p.bg};overflow-wrap:anywhere">${esc(value)}</div></div>`;
const button = (s: Screen, label: string, full = true) =>
  `<div style="${full ? 'display:block' : 'display:inline-block'};text-align:center;background:${s.p.accent};color:${s.p.onAccent};border-radius:6px;padding:${s.fs * 0.55}px ${s.fs}px;font-weight:bold;margin-top:4px">${esc(label)}</div>`;

function authForm(rng: Rng, signup: boolean): Scene {
  const s = screen(rng, 280, 900, 0.5, 1.6);
  const b = brand(rng);
  const fields = signup
    ? [input(s, 'Full name', person(rng)), input(s, 'Email', email(rng)), input(s, 'Password', '••••••••'), input(s, 'Confirm password', '••••••••')]
    : [input(s, rng.pick(['Email', 'Username']), email(rng)), input(s, 'Password', '••••••••••')];
  const extra = signup
    ? `<div style="color:${s.p.muted};font-size:${s.fs - 1}px;margin-top:10px">Already have an account? <span style="color:${s.p.accent}">Sign in</span></div>`
    : `<div style="display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap;font-size:${s.fs - 1}px;margin:6px 0 10px"><span>Remember me</span><span style="color:${s.p.accent}">Forgot password?</span></div>`;
  const card = `<div style="max-width:${Math.min(380, s.width - 40)}px;margin:${s.fs * 2}px auto;padding:${s.fs * 1.4}px;background:${s.p.surface};border-radius:10px">
<div style="font-weight:bold;font-size:${s.fs * 1.1}px;color:${s.p.accent};margin-bottom:6px">${esc(b)}</div>
<div style="font-size:${s.fs * 1.5}px;font-weight:bold;margin-bottom:${s.fs}px">${signup ? 'Create your account' : rng.pick(['Sign in', 'Welcome back', 'Log in'])}</div>
${fields.join('')}${signup ? '' : extra}${button(s, signup ? 'Sign up' : 'Log in')}${signup ? extra : ''}</div>`;
  return page(s, card, undefined, `https://${b.toLowerCase()}.com/${signup ? 'signup' : 'login'}`);
}

function settings(rng: Rng): Scene {
  const s = screen(rng, 420, 1100, 0.9, 2.0);
  const sections = ['General', 'Account', 'Privacy', 'Notifications', 'Appearance', 'Billing'];
  const active = rng.int(0, sections.length - 1);
  const rows = rng.sample(['Dark mode', 'Email alerts', 'Auto update', 'Show previews', 'Two factor login', 'Weekly summary', 'Sound effects', 'Location access'], rng.int(3, 6));
  const toggle = (on: boolean) => `<span style="display:inline-block;width:34px;height:18px;border-radius:9px;background:${on ? s.p.accent : s.p.muted + '66'};position:relative;flex:none"><span style="position:absolute;top:2px;${on ? 'right' : 'left'}:2px;width:14px;height:14px;border-radius:7px;background:#fff"></span></span>`;
  const nav = `<div style="width:${Math.round(s.width * 0.26)}px;flex:none;background:${s.p.surface};padding:12px 8px">${sections.map((x, i) => `<div style="padding:6px 8px;border-radius:6px;margin-bottom:2px;overflow-wrap:anywhere;${i === active ? `background:${s.p.accent};color:${s.p.onAccent}` : ''}">${x}</div>`).join('')}</div>`;
  const main = `<div style="flex:1;padding:14px 18px;min-width:0"><div style="font-size:${s.fs * 1.4}px;font-weight:bold;margin-bottom:10px">${sections[active]}</div>${rows
    .map((r) => `<div style="display:flex;align-items:center;justify-content:space-between;gap:10px;padding:9px 0;border-bottom:1px solid ${s.p.muted}44"><div style="min-width:0"><div>${esc(r)}</div>${rng.chance(0.5) ? `<div style="color:${s.p.muted};font-size:${s.fs - 2}px">${esc(sentence(rng, 3, 6))}</div>` : ''}</div>${toggle(rng.chance(0.5))}</div>`)
    .join('')}${rng.chance(0.5) ? `<div style="margin-top:12px">${button(s, 'Save changes', false)}</div>` : ''}</div>`;
  return page(s, `<div style="display:flex;min-height:${s.height - 30}px">${nav}${main}</div>`, 'window');
}

function dashboard(rng: Rng): Scene {
  const s = screen(rng, 480, 1200, 1.2, 2.4);
  const b = brand(rng);
  const cards = rng.int(2, 4);
  const metric = () => rng.pick([() => count(rng, 100, 99999), () => price(rng), () => percent(rng)])();
  const cardHtml = Array.from({ length: cards }, () => `<div style="flex:1;min-width:0;background:${s.p.surface};border-radius:8px;padding:12px"><div style="color:${s.p.muted};font-size:${s.fs - 1}px;overflow-wrap:anywhere">${esc(cap(rng.pick(['total', 'active', 'new', 'monthly'])) + ' ' + rng.pick(NOUNS))}</div><div style="font-size:${s.fs * 1.6}px;font-weight:bold">${esc(metric())}</div><div style="color:${rng.chance(0.6) ? '#16a34a' : '#dc2626'};font-size:${s.fs - 2}px">${rng.chance(0.5) ? '+' : '-'}${rng.int(1, 30)}%</div></div>`).join('');
  const heights = Array.from({ length: rng.int(6, 12) }, () => rng.int(15, 100));
  const chart = `<div style="background:${s.p.surface};border-radius:8px;padding:12px;margin-top:12px"><div style="font-weight:bold;margin-bottom:8px">${esc(heading(rng))}</div><div style="display:flex;align-items:flex-end;gap:6px;height:${Math.round(s.height * 0.3)}px">${heights.map((h) => `<div style="flex:1;height:${h}%;background:${s.p.accent};border-radius:3px 3px 0 0"></div>`).join('')}</div></div>`;
  const side = rng.chance(0.6) ? `<div style="width:${Math.round(s.width * 0.18)}px;flex:none;background:${s.p.surface};padding:14px 10px;overflow-wrap:anywhere"><div style="font-weight:bold;color:${s.p.accent};margin-bottom:12px">${esc(b)}</div>${['Overview', 'Reports', 'Customers', 'Orders', 'Settings'].slice(0, rng.int(3, 5)).map((x) => `<div style="padding:5px 0;color:${s.p.muted}">${x}</div>`).join('')}</div>` : '';
  const main = `<div style="flex:1;min-width:0;padding:14px"><div style="font-size:${s.fs * 1.3}px;font-weight:bold;margin-bottom:10px">${esc(rng.pick(['Dashboard', 'Overview', 'Analytics']))}</div><div style="display:flex;gap:10px">${cardHtml}</div>${chart}</div>`;
  return page(s, `<div style="display:flex">${side}${main}</div>`, undefined, `https://app.${b.toLowerCase()}.io/dashboard`);
}

function chat(rng: Rng): Scene {
  const s = screen(rng, 300, 900, 0.6, 1.6);
  const other = rng.pick(FIRST_NAMES);
  const msgs = Array.from({ length: rng.int(3, 7) }, () => rng.chance(0.5));
  const bubbles = msgs.map((mine) => `<div style="display:flex;justify-content:${mine ? 'flex-end' : 'flex-start'};margin:6px 0"><div style="max-width:70%;padding:7px 11px;border-radius:14px;background:${mine ? s.p.accent : s.p.surface};color:${mine ? s.p.onAccent : s.p.fg}">${esc(rng.chance(0.3) ? cap(rng.pick(['sure', 'thanks', 'okay', 'great', 'perfect', 'yes'])) + '!' : sentence(rng, 3, 10))}</div></div>`).join('');
  const head = `<div style="display:flex;align-items:center;gap:10px;padding:10px 14px;border-bottom:1px solid ${s.p.muted}44"><div style="width:32px;height:32px;border-radius:16px;background:${s.p.accent}"></div><div><div style="font-weight:bold">${esc(other)}</div><div style="font-size:${s.fs - 2}px;color:#16a34a">online</div></div></div>`;
  const box = `<div style="display:flex;gap:8px;padding:10px 14px;border-top:1px solid ${s.p.muted}44"><div style="flex:1;border:1px solid ${s.p.muted}66;border-radius:16px;padding:6px 12px;color:${s.p.muted}">Type a message</div>${button(s, 'Send', false)}</div>`;
  return page(s, head + `<div style="padding:6px 14px">${bubbles}</div>` + box, rng.pick(['window', 'none'] as const));
}

function inbox(rng: Rng): Scene {
  const s = screen(rng, 480, 1100, 1.1, 2.2);
  const rows = Array.from({ length: rng.int(4, 8) }, () => {
    const unread = rng.chance(0.4);
    return `<div style="display:flex;gap:12px;padding:8px 12px;border-bottom:1px solid ${s.p.muted}33;${unread ? 'font-weight:bold' : ''}"><div style="width:${Math.round(s.width * 0.2)}px;flex:none;overflow-wrap:anywhere">${esc(person(rng))}</div><div style="flex:1;min-width:0"><span>${esc(title(phrase(rng, 2, 4).split(' ')))}</span> <span style="color:${s.p.muted};font-weight:normal">${esc(sentence(rng, 3, 6))}</span></div><div style="flex:none;color:${s.p.muted}">${esc(time(rng))}</div></div>`;
  }).join('');
  const side = `<div style="width:${Math.round(s.width * 0.18)}px;flex:none;padding:12px 10px;background:${s.p.surface};overflow-wrap:anywhere">${button(s, 'Compose')}${['Inbox', 'Starred', 'Sent', 'Drafts', 'Spam'].map((x, i) => `<div style="padding:5px 2px;${i === 0 ? 'font-weight:bold' : ''}">${x}</div>`).join('')}</div>`;
  return page(s, `<div style="display:flex">${side}<div style="flex:1;min-width:0">${rows}</div></div>`, undefined, 'https://mail.example.com/inbox');
}

function hero(rng: Rng): Scene {
  const s = screen(rng, 480, 1200, 1.3, 3.2, 0.4);
  const b = brand(rng);
  const links = rng.sample(['Products', 'Pricing', 'About', 'Blog', 'Careers', 'Contact', 'Docs'], rng.int(3, 5));
  const nav = `<div style="display:flex;align-items:center;justify-content:space-between;gap:10px;padding:12px 20px;flex-wrap:wrap"><div style="font-weight:bold;font-size:${s.fs * 1.3}px;color:${s.p.accent}">${esc(b)}</div><div style="display:flex;gap:${s.fs}px;flex-wrap:wrap">${links.map((l) => `<span>${l}</span>`).join('')}</div></div>`;
  const headline = `${cap(rng.pick(VERBS))} ${rng.pick(['your', 'every', 'the'])} ${rng.pick(NOUNS)} ${rng.pick(['faster', 'together', 'anywhere', 'today', 'with ease'])}`;
  const body = `<div style="padding:${s.fs * 2}px 20px;text-align:${rng.pick(['left', 'center'])}"><div style="font-size:${Math.round(s.fs * rng.float(2, 2.8))}px;font-weight:bold;line-height:1.15;margin-bottom:12px">${esc(headline)}</div><div style="color:${s.p.muted};margin-bottom:16px;max-width:560px;${'margin-left:auto;margin-right:auto'}">${esc(sentence(rng, 8, 16))}</div>${button(s, rng.pick(['Get started', 'Try it free', 'Sign up', 'Learn more']), false)}</div>`;
  return page(s, nav + body, rng.pick(['browser', 'none'] as const), `https://www.${b.toLowerCase()}.com`);
}


function codeEditor(rng: Rng): Scene {
  const s = screen(rng, 380, 1000, 1.0, 2.2, 0.7);
  const fs = Math.round(Math.max(11, Math.min(15, s.width / 60)));
  const kw = rng.pick(['#c678dd', '#569cd6', '#d73a49', '#cf222e']);
  const str = rng.pick(['#98c379', '#ce9178', '#032f62', '#0a3069']);
  const fn = rng.pick(['#61afef', '#dcdcaa', '#6f42c1', '#8250df']);
  const maxChars = Math.floor((s.width - 60) / (fs * 0.62));
  const lineHtml: string[] = [];
  const n = rng.int(8, 18);
  let indent = 0;
  for (let i = 0; i < n; i++) {
    const name = rng.pick(NOUNS) + cap(rng.pick(NOUNS));
    const forms = [
      `<span style="color:${kw}">const</span> ${name} <span>=</span> <span style="color:${str}">'${rng.pick(NOUNS)}';</span>`,
      `<span style="color:${kw}">function</span> <span style="color:${fn}">${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}(${rng.pick(NOUNS)})</span> {`,
      `<span style="color:${kw}">return</span> ${name};`,
      `<span style="color:${kw}">if</span> (${name} <span>&gt;</span> ${rng.int(0, 99)}) {`,
      `<span style="color:${s.p.muted}">// ${phrase(rng, 2, 5)}</span>`,
      `<span style="color:${kw}">import</span> { ${name} } <span style="color:${kw}">from</span> <span style="color:${str}">'./${rng.pick(NOUNS)}';</span>`,
      `}`,
    ];
    const line = rng.pick(forms);
    const plain = line.replace(/<[^>]*>/g, '');
    if (plain.length + indent * 2 > maxChars || (line === '}' && indent === 0)) continue;
    if (line === '}') indent = Math.max(0, indent - 1);
    lineHtml.push(`<div style="display:flex"><span style="width:34px;flex:none;color:${s.p.muted};text-align:right;padding-right:12px">${lineHtml.length + 1}</span><span style="white-space:pre">${'  '.repeat(indent)}${line}</span></div>`);
    if (line.endsWith('{')) indent = Math.min(3, indent + 1);
  }
  const file = `${rng.pick(NOUNS)}.${rng.pick(['ts', 'js', 'py', 'go'])}`;
  const tabs = `<div style="display:flex;background:${s.p.surface};font-family:${s.family};font-size:${fs - 1}px"><div style="padding:6px 14px;background:${s.p.bg};border-top:2px solid ${s.p.accent}">${esc(file)}</div><div style="padding:6px 14px;color:${s.p.muted}">${esc(`${rng.pick(NOUNS)}.json`)}</div></div>`;
  return page({ ...s, family: font(rng, 'mono') }, tabs + `<div style="padding:8px 0;font-size:${fs}px;line-height:1.5">${lineHtml.join('')}</div>`, 'window');
}

function terminal(rng: Rng): Scene {
  const s = screen(rng, 360, 1000, 1.0, 2.4, 1);
  const fs = Math.round(Math.max(11, Math.min(15, s.width / 60)));
  const user = rng.pick(FIRST_NAMES).toLowerCase();
  const host = rng.pick(['laptop', 'server', 'devbox', 'pi']);
  const green = rng.pick(['#4ade80', '#22c55e', '#a3e635']);
  const out: string[] = [];
  const prompt = () => `<span style="color:${green}">${user}@${host}:~$</span>`;
  const cmds = [
    () => [`git status`, `On branch main`, `nothing to commit, working tree clean`],
    () => [`ls`, rng.sample(['src', 'docs', 'README.md', 'package.json', 'tests', 'build', 'notes.txt'], 4).join('  ')],
    () => [`npm test`, `${rng.int(10, 200)} passing (${rng.int(1, 9)}s)`, `${rng.int(0, 3)} failing`],
    () => [`ping ${rng.pick(CITIES).toLowerCase()}.example.com`, `64 bytes from 10.0.0.${rng.int(2, 250)}: time=${rng.int(3, 90)} ms`],
    () => [`df -h`, `Filesystem Size Used Avail`, `/dev/sda1 ${rng.int(50, 500)}G ${rng.int(10, 49)}G ${rng.int(5, 40)}G`],
    () => [`echo ${rng.pick(NOUNS)}`, rng.pick(NOUNS)],
  ];
  for (let i = 0; i < rng.int(2, 4); i++) {
    const [cmd, ...lines] = rng.pick(cmds)();
    out.push(`<div>${prompt()} ${esc(cmd ?? '')}</div>`, ...lines.map((l) => `<div style="overflow-wrap:anywhere">${esc(l)}</div>`));
  }
  out.push(`<div>${prompt()} <span style="background:#ddd">&nbsp;</span></div>`);
  const bg = rng.pick(['#0c0c0c', '#1e1e2e', '#002b36', '#282a36']);
  return frame({ width: s.width, height: s.height, background: bg, color: '#e5e5e5', fontFamily: font(rng, 'mono'), grow: true, style: `font-size:${fs}px;line-height:1.45` },
    `<div style="display:flex;align-items:center;padding:6px 10px;background:#333;color:#ccc;font-size:${fs - 1}px"><span>${esc(`${user}@${host}`)}</span></div><div style="padding:10px 12px">${out.join('')}</div>`);
}

function mobileApp(rng: Rng): Scene {
  const s = screen(rng, 240, 420, 0.42, 0.6);
  const appTitle = rng.pick(['Orders', 'Recipes', 'Workouts', 'Tickets', 'Friends', 'Playlist', 'Wallet']);
  const items = Array.from({ length: rng.int(3, 6) }, () => `<div style="display:flex;gap:10px;align-items:center;padding:9px 14px;border-bottom:1px solid ${s.p.muted}33"><div style="width:36px;height:36px;flex:none;border-radius:8px;background:${rng.pick(s.p.series)}"></div><div style="flex:1;min-width:0"><div style="font-weight:bold;overflow-wrap:anywhere">${esc(rng.chance(0.5) ? product(rng) : person(rng))}</div><div style="color:${s.p.muted};font-size:${s.fs - 2}px">${esc(rng.chance(0.5) ? price(rng) : `${time(rng)} ${rng.pick(['today', 'yesterday'])}`)}</div></div></div>`).join('');
  const status = `<div style="display:flex;justify-content:space-between;padding:6px 14px;font-size:${s.fs - 2}px"><span>${esc(time(rng))}</span><span>${rng.int(20, 100)}%</span></div>`;
  const head = `<div style="padding:6px 14px 10px;font-size:${s.fs * 1.6}px;font-weight:bold">${appTitle}</div>`;
  const tabs = rng.sample(['Home', 'Search', 'Profile', 'Cart', 'More'], 4);
  const tabbar = `<div style="position:absolute;left:0;right:0;bottom:0;display:flex;justify-content:space-around;padding:8px 4px;background:${s.p.surface};font-size:${s.fs - 3}px">${tabs.map((t) => `<span>${t}</span>`).join('')}</div>`;
  return frame({ width: s.width, height: s.height, background: s.p.bg, color: s.p.fg, fontFamily: s.family, grow: true, style: `font-size:${s.fs}px;line-height:1.3;padding-bottom:40px;border-radius:${rng.pick([0, 18])}px` }, status + head + items + tabbar);
}

function errorDialog(rng: Rng): Scene {
  const s = screen(rng, 280, 720, 1.2, 2.6);
  const heads = ['Something went wrong', 'Connection failed', 'File not found', 'Access denied', 'Update failed', 'Unable to save changes'];
  const code = `Error ${rng.pick(['404', '500', '403', '0x80070005', '502', 'E1023'])}`;
  const body = `<div style="display:flex;gap:14px;padding:${s.fs * 1.2}px"><div style="width:36px;height:36px;flex:none;border-radius:18px;background:#dc2626;color:#fff;font-weight:bold;font-size:22px;text-align:center;line-height:36px">!</div><div style="min-width:0"><div style="font-weight:bold;font-size:${s.fs * 1.2}px;margin-bottom:6px">${rng.pick(heads)}</div><div style="color:${s.p.muted};margin-bottom:6px">${esc(sentence(rng, 5, 12))}</div><div style="font-family:'DejaVu Sans Mono',monospace;font-size:${s.fs - 2}px;color:${s.p.muted}">${code}</div></div></div>`;
  const buttons = `<div style="display:flex;justify-content:flex-end;gap:10px;padding:0 ${s.fs * 1.2}px ${s.fs * 1.2}px"><span style="padding:${s.fs * 0.45}px ${s.fs}px;border:1px solid ${s.p.muted}88;border-radius:6px">${rng.pick(['Cancel', 'Close', 'Details'])}</span>${button(s, rng.pick(['Retry', 'OK', 'Try again']), false)}</div>`;
  return page(s, body + buttons, rng.pick(['window', 'none'] as const));
}

function searchResults(rng: Rng): Scene {
  const s = screen(rng, 420, 1100, 0.9, 2.0, 0.2);
  const q = phrase(rng, 1, 3);
  const bar = `<div style="display:flex;align-items:center;gap:14px;padding:12px 18px;border-bottom:1px solid ${s.p.muted}44"><span style="font-weight:bold;color:${s.p.accent};font-size:${s.fs * 1.3}px">${esc(cap(rng.pick(['find', 'seek', 'look'])) + 'r')}</span><div style="flex:1;min-width:0;border:1px solid ${s.p.muted}77;border-radius:18px;padding:6px 14px;overflow-wrap:anywhere">${esc(q)}</div></div>`;
  const results = Array.from({ length: rng.int(3, 5) }, () => {
    const site = `${brand(rng).toLowerCase()}.com`;
    return `<div style="margin:0 0 ${s.fs * 1.1}px"><div style="color:${s.p.muted};font-size:${s.fs - 2}px">${esc(`${site} › ${rng.pick(NOUNS)}`)}</div><div style="color:${s.p.accent};font-size:${s.fs * 1.15}px">${esc(title(phrase(rng, 3, 6).split(' ')))}</div><div style="color:${s.p.muted}">${esc(sentence(rng, 8, 16))}</div></div>`;
  }).join('');
  const stats = `<div style="color:${s.p.muted};font-size:${s.fs - 2}px;margin-bottom:10px">About ${count(rng, 1000, 9000000)} results</div>`;
  return page(s, bar + `<div style="padding:12px 18px">${stats}${results}</div>`, 'browser', `https://search.example.com/?q=${q.replace(/ /g, '+')}`);
}

export const SCREENS: SceneFamily = {
  login: (rng) => authForm(rng, false),
  signup: (rng) => authForm(rng, true),
  settings,
  dashboard,
  chat,
  inbox,
  'hero-nav': hero,
  'code-editor': codeEditor,
  terminal,
  'mobile-app': mobileApp,
  'error-dialog': errorDialog,
  'search-results': searchResults,
};
