/**
 * How much work an SVG's filters ask of the rasteriser, counted on its parsed
 * tree before it is drawn: Chromium draws an SVG image's filters on the engine
 * document's main thread, where no deadline can interrupt them. Measured on
 * Chromium 156 at the engine's largest raster (1024×1024): one feMorphology
 * of radius 1000 takes about 350 ms per filtered element and grows with its
 * radius; one feGaussianBlur about 3 ms whatever its deviation; the other
 * primitives a few ms or less (Skia refuses huge convolution kernels, and caps
 * turbulence octaves). A unit is about 0.17 ms.
 *
 * @example
 *   if (svgFilterWork(doc.documentElement) > MAX_SVG_FILTER_WORK) throw …;
 */
import type { SvgNode } from './svg-budget';

/** Most filter work an SVG may ask for: about one second of drawing. */
export const MAX_SVG_FILTER_WORK = 6000;

const number = (value: string | null): number[] => (value ?? '').trim().split(/[\s,]+/).map(Number).filter((n) => Number.isFinite(n) && n > 0);

/** Work units of one filter primitive, by its element name; 1 for the rest. */
const PRIMITIVE_WORK: Record<string, (primitive: SvgNode) => number> = {
  // Separable min/max: each axis costs its radius per pixel ("rx ry", or one radius for both).
  feMorphology: (p) => {
    const [rx = 0, ry = rx] = number(p.getAttribute('radius'));
    return Math.max(1, rx + ry);
  },
  feGaussianBlur: () => 16,
};

function filterId(node: SvgNode): string | null {
  const value = node.getAttribute('filter') ?? /filter\s*:\s*([^;]+)/.exec(node.getAttribute('style') ?? '')?.[1] ?? null;
  return /url\(\s*['"]?#([^'")\s]+)['"]?\s*\)/.exec(value ?? '')?.[1] ?? null;
}

/** The filter work of `root`: for each element drawn through a filter, the work of that filter's primitives. */
export function svgFilterWork(root: SvgNode): number {
  const filters = new Map<string, number>();
  const filtered: string[] = [];
  const stack: SvgNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.localName === 'filter') {
      const id = node.getAttribute('id');
      let work = 0;
      for (let i = 0; i < node.children.length; i++) {
        const primitive = node.children[i]!;
        work += PRIMITIVE_WORK[primitive.localName]?.(primitive) ?? 1;
      }
      if (id && !filters.has(id)) filters.set(id, work);
    }
    const id = filterId(node);
    if (id) filtered.push(id);
    for (let i = 0; i < node.children.length; i++) stack.push(node.children[i]!);
  }
  return filtered.reduce((sum, id) => sum + (filters.get(id) ?? 0), 0);
}
