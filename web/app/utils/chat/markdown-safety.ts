/** Comark's tree shapes (comark's own type exports do not resolve under NodeNext). */
export type ComarkNode = string | ComarkElement;
export type ComarkElement = [string, Record<string, unknown>, ...ComarkNode[]];
export interface ComarkTree {
  nodes: ComarkNode[];
}
export interface ComarkPlugin {
  readonly name: string;
  post?: (state: { tree: ComarkTree }) => void | Promise<void>;
}

/**
 * What of an answer's Markdown may reach the page. The parser runs with `html: false` (raw HTML stays text);
 * this plugin then keeps only the elements plain Markdown makes, each with only the attributes it needs, so
 * neither the model nor a NetBox object's name can bring in a component, an event handler, a style, an image
 * from elsewhere or a link into this app. Links open in a new tab; a path link ("/dcim/devices/3/") is taken
 * to be NetBox's.
 */

type AttributeCheck = (value: unknown) => unknown;

const keep: AttributeCheck = (value) => (typeof value === 'string' || typeof value === 'number' ? value : undefined);
const align: AttributeCheck = (value) => (typeof value === 'string' && /^text-align:(left|right|center)$/.test(value.replace(/\s|;$/g, '')) ? value : undefined);
const languageClass: AttributeCheck = (value) => (typeof value === 'string' && /^language-[\w+#.-]{1,40}$/.test(value) ? value : undefined);
const language: AttributeCheck = (value) => (typeof value === 'string' && /^[\w+#.-]{1,40}$/.test(value) ? value : undefined);
const start: AttributeCheck = (value) => (/^\d{1,9}$/.test(String(value)) ? String(value) : undefined);

const ALLOWED: Record<string, Record<string, AttributeCheck>> = {
  p: {},
  h1: {},
  h2: {},
  h3: {},
  h4: {},
  h5: {},
  h6: {},
  strong: {},
  em: {},
  del: {},
  s: {},
  code: { class: languageClass },
  pre: { language },
  blockquote: {},
  ul: {},
  ol: { start },
  li: {},
  a: { href: keep, title: keep },
  table: {},
  thead: {},
  tbody: {},
  tr: {},
  th: { style: align },
  td: { style: align },
  hr: {},
  br: {},
  sup: {},
  sub: {},
  span: {},
};

export interface MarkdownSafetyOptions {
  /** NetBox's base URL: path links are resolved against it. */
  readonly netboxUrl?: string | null;
}

/** An absolute http(s) or mailto URL for a link, or null when the link must not be one. */
export function safeHref(href: string, netboxUrl?: string | null): string | null {
  const value = href.trim();
  if (value.startsWith('/') && !value.startsWith('//')) {
    if (!netboxUrl) return null;
    try {
      return new URL(value, netboxUrl).href;
    } catch {
      return null;
    }
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

export function markdownSafety(options: MarkdownSafetyOptions = {}): ComarkPlugin {
  return {
    name: 'netbox-chatbox-safety',
    post(state) {
      sanitizeTree(state.tree, options);
    },
  };
}

/** Rewrites the tree in place; running it twice changes nothing more (the streaming parser re-uses nodes). */
export function sanitizeTree(tree: ComarkTree, options: MarkdownSafetyOptions = {}): void {
  tree.nodes = sanitizeChildren(tree.nodes, options);
}

function sanitizeChildren(nodes: readonly ComarkNode[], options: MarkdownSafetyOptions): ComarkNode[] {
  const out: ComarkNode[] = [];
  for (const node of nodes) {
    const clean = sanitizeNode(node, options);
    if (clean === null) continue;
    if (Array.isArray(clean) && clean[0] === '#fragment') out.push(...(clean.slice(2) as ComarkNode[]));
    else out.push(clean);
  }
  return out;
}

function sanitizeNode(node: ComarkNode, options: MarkdownSafetyOptions): ComarkNode | null {
  if (typeof node === 'string') return node;
  if (!Array.isArray(node)) return null;
  const [tag, rawAttributes, ...children] = node as unknown as [unknown, Record<string, unknown> | null, ...ComarkNode[]];
  // Comments and other tagless nodes render as nothing anyway; dropped so no renderer has to decide.
  if (typeof tag !== 'string') return null;
  const attributes = rawAttributes ?? {};
  const name = tag.toLowerCase();
  const allowed = ALLOWED[name];
  if (name === 'pre' && isHighlighted(attributes)) return highlightedBlock(node as ComarkElement);
  const cleanChildren = sanitizeChildren(children, options);
  if (!allowed) return fallback(name, attributes, cleanChildren, options);
  const clean: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(allowed)) {
    const value = check(attributes[key]);
    if (value !== undefined) clean[key] = value;
  }
  if (name === 'a') {
    const href = typeof clean.href === 'string' ? safeHref(clean.href, options.netboxUrl) : null;
    if (!href) return ['#fragment', {}, ...cleanChildren];
    clean.href = href;
    if (!href.startsWith('mailto:')) {
      clean.target = '_blank';
      clean.rel = 'noopener noreferrer';
    }
  }
  return [name, clean, ...cleanChildren] as ComarkElement;
}

/** An element plain Markdown does not make: its text survives, the element does not. */
function fallback(name: string, attributes: Record<string, unknown>, children: ComarkNode[], options: MarkdownSafetyOptions): ComarkNode | null {
  if (name === 'img') {
    const alt = typeof attributes.alt === 'string' ? attributes.alt : '';
    const href = typeof attributes.src === 'string' ? safeHref(attributes.src, options.netboxUrl) : null;
    const label = alt || (href ?? '');
    if (!href) return label || null;
    return ['a', { href, target: '_blank', rel: 'noopener noreferrer' }, label] as ComarkElement;
  }
  if (name === 'input') {
    return attributes.checked === true || attributes[':checked'] === 'true' || attributes.checked === 'true' ? '☑ ' : '☐ ';
  }
  // An inline component with nothing in it, e.g. "status :active" read as a component named "active".
  if (children.length === 0) return `:${name}`;
  return ['#fragment', {}, ...children];
}

/**
 * A code block the highlighter already coloured (the streaming parser hands earlier blocks back through the
 * plugins): kept, with only the colouring it makes, so that nothing else can pass for one.
 */
function isHighlighted(attributes: Record<string, unknown> | undefined): boolean {
  return typeof attributes?.class === 'string' && /^shiki(\s[\w:.\s-]*)?$/.test(attributes.class);
}

function highlightedBlock(node: ComarkElement): ComarkNode | null {
  const [, attributes, ...children] = node;
  const pre: Record<string, unknown> = { class: attributes.class };
  if (typeof language(attributes.language) === 'string') pre.language = attributes.language;
  return ['pre', pre, ...children.map(highlightedChild).filter((c): c is ComarkNode => c !== null)] as ComarkElement;
}

function highlightedChild(node: ComarkNode): ComarkNode | null {
  if (typeof node === 'string') return node;
  if (!Array.isArray(node)) return null;
  const [tag, attributes, ...children] = node as ComarkElement;
  if (tag !== 'code' && tag !== 'span') return null;
  const clean: Record<string, unknown> = {};
  if (tag === 'code' && languageClass(attributes?.class) !== undefined) clean.class = attributes.class;
  if (tag === 'span' && typeof attributes?.class === 'string' && /^line( highlight)?$/.test(attributes.class)) clean.class = attributes.class;
  const style = tag === 'span' ? tokenStyle(attributes?.style) : '';
  if (style) clean.style = style;
  return [tag, clean, ...children.map(highlightedChild).filter((c): c is ComarkNode => c !== null)] as ComarkElement;
}

const TOKEN_PROPERTIES = /^(color|background-color|font-style|font-weight|text-decoration|display|--shiki-[\w-]+)$/;

/** Only what a highlighter's token needs: colours and font style, never a position, size or URL. */
function tokenStyle(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .split(';')
    .map((declaration) => declaration.trim())
    .filter((declaration) => {
      const colon = declaration.indexOf(':');
      if (colon <= 0) return false;
      const property = declaration.slice(0, colon).trim().toLowerCase();
      const val = declaration.slice(colon + 1).trim();
      return TOKEN_PROPERTIES.test(property) && /^[#\w\s.,%()-]+$/.test(val) && !/url|expression/i.test(val);
    })
    .join(';');
}
