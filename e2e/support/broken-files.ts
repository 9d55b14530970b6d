/**
 * Broken and hostile image files for the e2e scenarios, made at test time
 * (a few are megabytes of work to store, and their point is how they are made).
 *
 * @example
 *   await writeFile(join(dir, 'bomb.png'), pngBomb(30_000, 30_000));
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid, all-black 1-bit greyscale PNG of `width`×`height`: 30,000×30,000 is
 * about 110 KB on disk and 3.6 GB as the RGBA pixels a decoder would make.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(1, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  // Each row: filter byte 0, then ceil(width / 8) bytes of zero bits.
  const pixels = deflateSync(Buffer.alloc(height * (1 + Math.ceil(width / 8))), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** A copy of `jpeg` whose frame header declares `width`×`height` (its scan data no longer fits it). */
export function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 2; i + 9 < copy.length; ) {
    if (copy[i] !== 0xff) throw new Error('not a JPEG marker sequence');
    const marker = copy[i + 1]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      return copy;
    }
    i += 2 + copy.readUInt16BE(i + 2);
  }
  throw new Error('no frame header in the JPEG');
}

/** `levels` groups of `fan` <use> each of the group below: fan^levels copies of one rectangle from a few KB. */
export function svgUseBomb(levels: number, fan: number): string {
  const groups = ['<rect id="l0" width="1" height="1" fill="red"/>'];
  for (let i = 1; i <= levels; i++) groups.push(`<g id="l${i}">${`<use href="#l${i - 1}"/>`.repeat(fan)}</g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="224" height="224"><defs>${groups.join('')}</defs><use href="#l${levels}"/></svg>`;
}

/** The XML "billion laughs": nine levels of entities, each ten of the one before. */
export function svgEntityBomb(): string {
  const entities = ['<!ENTITY a "lollollol">'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    const previous = String.fromCharCode(96 + i);
    entities.push(`<!ENTITY ${name} "${`&${previous};`.repeat(10)}">`);
  }
  return `<?xml version="1.0"?><!DOCTYPE svg [${entities.join('')}]><svg xmlns="http://www.w3.org/2000/svg" width="224" height="224"><text y="20">&j;</text></svg>`;
}

/** A landscape drawing that declares itself a billion pixels wide and high. */
export function svgHuge(): string {
  return '<svg xmlns="http://www.w3.org/2000/svg" width="1000000000" height="1000000000" viewBox="0 0 200 200"><rect width="200" height="200" fill="#8ecae6"/><circle cx="150" cy="40" r="22" fill="#ffb703"/><path d="M0 200 L70 90 L120 160 L150 120 L200 200 Z" fill="#2a9d8f"/></svg>';
}

/** A drawing that also points at other files (an image, a <use>, a stylesheet, a font) and carries a script. */
export function svgExternal(origin: string): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="224" height="224">',
    `<style>@import url("${origin}/external/style.css"); text { font-family: x; } @font-face { font-family: x; src: url("${origin}/external/font.woff"); }</style>`,
    '<rect width="224" height="224" fill="#8ecae6"/><circle cx="160" cy="50" r="24" fill="#ffb703"/>',
    `<image href="${origin}/external/image.png" width="100" height="100"/>`,
    `<use xlink:href="${origin}/external/shapes.svg#shape"/>`,
    `<script>fetch("${origin}/external/script")</script>`,
    '<text x="10" y="200">x</text>',
    '</svg>',
  ].join('');
}

/**
 * An animated GIF of `frames` frames from a few hundred KB: the first frame is
 * `firstFrame` (a one-frame GIF, e.g. a photo encoded by sharp), then
 * `frames - 1` frames of one pixel each (29 bytes: a graphic control
 * extension, an image descriptor with a two-colour local table, and the
 * pixel), inserted before the trailer.
 */
export function gifWithFrames(firstFrame: Buffer, frames: number): Buffer {
  if (firstFrame.subarray(0, 6).toString('latin1') !== 'GIF89a' || firstFrame.at(-1) !== 0x3b) throw new Error('not a GIF89a file ending in its trailer');
  const pixel = Buffer.from([
    0x21, 0xf9, 0x04, 0x04, 0x0a, 0x00, 0x00, 0x00, // graphic control: keep the frame, 100 ms
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x80, // 1×1 at the origin, local table of 2 colours
    0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
    0x02, 0x02, 0x44, 0x01, 0x00, // LZW minimum code size 2: clear, 0, end; block end
  ]);
  return Buffer.concat([firstFrame.subarray(0, -1), Buffer.concat(Array.from({ length: frames - 1 }, () => pixel)), Buffer.from([0x3b])]);
}

/** A 1024×1024 drawing with two shapes drawn through a chain of `count` copies of the filter primitive `primitive`. */
export function svgFiltered(primitive: string, count: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024"><filter id="f" x="0" y="0" width="1" height="1">${primitive.repeat(count)}</filter><rect width="1024" height="1024" fill="#8ecae6" filter="url(#f)"/><circle cx="500" cy="300" r="200" fill="#ffb703" filter="url(#f)"/></svg>`;
}
