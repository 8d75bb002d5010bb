/** Just enough IPv4 arithmetic to derive the prefix answers from raw NetBox rows, independently of our tools. */
export interface Net4 {
  readonly start: number;
  readonly size: number;
}

export function parseNet4(cidr: string): Net4 | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr.trim());
  if (!m) return undefined;
  const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
  const len = m[5] === undefined ? 32 : Number(m[5]);
  const ip = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const size = 2 ** (32 - len);
  return { start: ip - (ip % size), size };
}

export function formatNet4(net: Net4): string {
  const s = net.start;
  const len = 32 - Math.log2(net.size);
  return `${s >>> 24}.${(s >>> 16) & 255}.${(s >>> 8) & 255}.${s & 255}/${len}`;
}

export function overlaps(a: Net4, b: Net4): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

/** Blocks of `len` inside `parent` that overlap none of `children`: what NetBox's available-prefixes would offer. */
export function freeBlocks(parent: string, children: readonly string[], len: number): string[] {
  const p = parseNet4(parent);
  if (!p) return [];
  const used = children.map(parseNet4).filter((n): n is Net4 => n !== undefined);
  const size = 2 ** (32 - len);
  const free: string[] = [];
  for (let start = p.start; start < p.start + p.size; start += size) {
    const block = { start, size };
    if (!used.some((u) => overlaps(u, block))) free.push(formatNet4(block));
  }
  return free;
}

export function contains(parent: Net4, child: Net4): boolean {
  return child.start >= parent.start && child.start + child.size <= parent.start + parent.size;
}
