/**
 * Just enough SVG reading for the tests: the elements of the document with their attributes and
 * absolute offset (the sum of the `translate(x,y)` of the element and its ancestors; Vega uses no
 * other transform on groups), and their text.
 */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string>;
  /** Absolute offset of the element's own coordinate system. */
  x: number;
  y: number;
  parent: SvgNode | undefined;
  children: SvgNode[];
  text: string;
}

function translateOf(attrs: Record<string, string>): [number, number] {
  const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(attrs.transform ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** Parses Vega's SVG output into a tree. */
export function parseSvg(svg: string): SvgNode {
  const root: SvgNode = { tag: '#root', attrs: {}, x: 0, y: 0, parent: undefined, children: [], text: '' };
  let current = root;
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(svg); m !== null; m = re.exec(svg)) {
    if (m[5] !== undefined) {
      current.text += m[5];
      continue;
    }
    const [, closing, tag, attrText, selfClosing] = m;
    if (closing) {
      current = current.parent ?? root;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    const [dx, dy] = translateOf(attrs);
    const node: SvgNode = { tag: tag!, attrs, x: current.x + dx, y: current.y + dy, parent: current, children: [], text: '' };
    current.children.push(node);
    if (!selfClosing) current = node;
  }
  return root;
}

/** Every element below `node` (depth first, document order). */
export function descendants(node: SvgNode): SvgNode[] {
  return node.children.flatMap((c) => [c, ...descendants(c)]);
}

/** The mark groups `<g class="mark-… role-mark <name>_marks">` of a named Vega-Lite view. */
export function markGroups(root: SvgNode, name: string): SvgNode[] {
  return descendants(root).filter((n) => n.tag === 'g' && (n.attrs.class ?? '').split(' ').includes(`${name}_marks`));
}

/** The mark items (paths, lines) of the named view's mark groups. */
export function markItems(root: SvgNode, name: string): SvgNode[] {
  return markGroups(root, name).flatMap((g) => g.children.filter((c) => c.tag === 'path' || c.tag === 'line'));
}

/** A rect item's box `M x,y h w v h h -w Z` in its view's plot coordinates (origin top left). */
export function rectBox(item: SvgNode): { x: number; y: number; width: number; height: number } {
  const m = /^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h/.exec(item.attrs.d ?? '');
  if (!m) throw new Error(`not a rect path: ${item.attrs.d}`);
  return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}

/** Points of a line item's path `M x,y L x,y …` in its view's plot coordinates. */
export function linePoints(item: SvgNode): [number, number][] {
  return [...(item.attrs.d ?? '').matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Texts of all `<text>` elements (a line per `<tspan>` of multi-line ones), in document order. */
export function texts(root: SvgNode): string[] {
  return descendants(root)
    .filter((n) => (n.tag === 'text' || n.tag === 'tspan') && n.text !== '')
    .map((n) => n.text);
}
