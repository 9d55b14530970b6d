// Builds one fixture page of image candidates of one kind (?kind=img, input-image, svg, object,
// area, role-img) from the attributes that decide an element's accessible name and role, per
// WAI-ARIA 1.2 (presentational-role conflict resolution, global states and properties), the
// accessible-name computation (aria-labelledby to hidden and missing elements, aria-label,
// alt, title, <svg> <title>) and axe-core's rule docs (image-alt, input-image-alt, svg-img-alt,
// object-alt, area-alt, role-img-alt). Two sets of combinations:
//  1. every role × tabindex (or disabled) × global ARIA attribute, each with a handful of names;
//  2. every combination of the name sources, with no role and with role="presentation".
// Elements are 10×10 CSS px: the audit judges them, Glimpse does not describe them.
(() => {
  const kind = new URLSearchParams(location.search).get('kind') ?? 'img';
  const PHOTO = '/img/dog-water.jpg';

  const ROLES = { img: [null, 'presentation', 'none', 'img'], 'input-image': [null, 'presentation', 'none', 'img'], svg: [null, 'presentation', 'none', 'img', 'graphics-symbol'], object: [null, 'presentation', 'none', 'img'], area: [null, 'presentation', 'none', 'img'], 'role-img': ['img', 'image'] }[kind];
  if (!ROLES) throw new Error(`unknown kind ${kind}`);
  const FOCUS = kind === 'input-image' ? [{}, { tabindex: '-1' }, { disabled: '' }, { tabindex: '0', disabled: '' }] : [{}, { tabindex: '0' }, { tabindex: '-1' }];
  const GLOBALS = [{}, { 'aria-live': 'polite' }, { 'aria-describedby': 'ref-desc' }, { 'aria-hidden': 'false' }];
  const TITLE = [null, '', 'Harbour at dawn'];
  const ARIA_LABEL = [null, '', ' ', 'A dog in the sea'];
  const LABELLEDBY = [null, 'ref-visible', 'ref-hidden', 'ref-missing', 'ref-empty', 'ref-missing ref-visible'];
  const hasAlt = kind === 'img' || kind === 'input-image' || kind === 'area';
  const ALT = hasAlt ? [null, '', ' ', 'Two children in a pool'] : [null];
  const SVG_TITLE = kind === 'svg' ? [null, '', 'A blue circle'] : [null];
  /** Names tried with every role × focus × global combination. */
  const FEW_NAMES = [
    {}, { title: 'Harbour at dawn' }, { 'aria-label': '' }, { 'aria-labelledby': 'ref-hidden' }, { 'aria-labelledby': 'ref-missing' },
    ...(hasAlt ? [{ alt: '' }, { alt: ' ' }, { alt: 'Two children in a pool' }] : []),
    ...(kind === 'svg' ? [{ svgTitle: 'A blue circle' }] : []),
    ...(kind === 'input-image' ? [{ label: 'for' }, { label: 'wrap' }] : []),
  ];

  const cases = [];
  for (const role of ROLES) for (const focus of FOCUS) for (const global of GLOBALS) for (const name of FEW_NAMES) cases.push({ role, ...focus, ...global, ...name });
  const fullRoles = kind === 'role-img' ? ['img'] : [null, 'presentation'];
  for (const role of fullRoles) for (const title of TITLE) for (const label of ARIA_LABEL) for (const by of LABELLEDBY) for (const alt of ALT) for (const svgTitle of SVG_TITLE) {
    cases.push({ role, title, 'aria-label': label, 'aria-labelledby': by, alt, svgTitle });
  }

  const refs = document.createElement('div');
  refs.innerHTML = '<p id="ref-visible">Sunset over the bay</p><p id="ref-hidden" hidden>Boats in a harbour</p><span id="ref-empty"></span><p id="ref-desc">Taken in 2024</p>';
  document.body.append(refs);
  const host = document.createElement('div');
  host.id = 'cases';
  document.body.append(host);
  const SVG = 'http://www.w3.org/2000/svg';

  let map = null;
  let mapIndex = 0;
  const make = (id) => {
    switch (kind) {
      case 'img':
        return Object.assign(document.createElement('img'), { src: PHOTO, width: 10, height: 10 });
      case 'input-image':
        return Object.assign(document.createElement('input'), { type: 'image', src: PHOTO, width: 10, height: 10 });
      case 'object': {
        const o = document.createElement('object');
        Object.assign(o, { data: PHOTO, type: 'image/jpeg', width: '10', height: '10' });
        return o;
      }
      case 'role-img': {
        const d = document.createElement('div');
        d.style.cssText = `display:inline-block;width:10px;height:10px;background:url(${PHOTO}) center/cover`;
        return d;
      }
      case 'svg': {
        const s = document.createElementNS(SVG, 'svg');
        s.setAttribute('width', '10');
        s.setAttribute('height', '10');
        s.setAttribute('viewBox', '0 0 10 10');
        const c = document.createElementNS(SVG, 'circle');
        Object.entries({ cx: '5', cy: '5', r: '4', fill: 'blue' }).forEach(([k, v]) => c.setAttribute(k, v));
        s.append(c);
        return s;
      }
      case 'area': {
        // 20 areas per map, one 100×20 map image each.
        if (!map || map.children.length === 20) {
          mapIndex += 1;
          map = Object.assign(document.createElement('map'), { name: `m${mapIndex}` });
          const img = Object.assign(document.createElement('img'), { src: PHOTO, width: 100, height: 20, alt: `Map ${mapIndex}`, id: `map-img-${mapIndex}` });
          img.setAttribute('usemap', `#m${mapIndex}`);
          host.append(img, map);
        }
        const a = document.createElement('area');
        const i = map.children.length;
        a.setAttribute('href', `#${id}`);
        a.setAttribute('shape', 'rect');
        a.setAttribute('coords', `${(i % 10) * 10},${Math.floor(i / 10) * 10},${(i % 10) * 10 + 10},${Math.floor(i / 10) * 10 + 10}`);
        map.append(a);
        return a;
      }
    }
  };

  cases.forEach((c, n) => {
    const id = `c${n}`;
    const el = make(id);
    el.id = id;
    for (const [attr, value] of Object.entries(c)) {
      if (value === null || value === undefined || attr === 'svgTitle' || attr === 'label') continue;
      el.setAttribute(attr, value);
    }
    el.dataset.case = JSON.stringify(Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null && v !== undefined)));
    if (c.svgTitle !== null && c.svgTitle !== undefined) {
      const t = document.createElementNS(SVG, 'title');
      t.textContent = c.svgTitle;
      el.prepend(t);
    }
    if (kind === 'area') return;
    if (c.label === 'wrap') {
      const label = document.createElement('label');
      label.append('Search the harbour ', el);
      host.append(label);
    } else if (c.label === 'for') {
      const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: 'Search the harbour' });
      host.append(label, el);
    } else host.append(el);
  });
  window.caseCount = cases.length;
})();
