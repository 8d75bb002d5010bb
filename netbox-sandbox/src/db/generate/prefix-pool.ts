import { blockSize, hostAddress } from './ip.ts';

/** A prefix that hands out host addresses, skipping ones already taken. */
export class PrefixPool {
  private readonly taken = new Set<number>();
  private cursor: number;

  readonly id: number;
  readonly network: number;
  readonly length: number;
  readonly vrfId: number | null;
  readonly tenantId: number | null;

  constructor(
    id: number,
    network: number,
    length: number,
    vrfId: number | null,
    tenantId: number | null,
    firstHost = 1,
  ) {
    this.id = id;
    this.network = network;
    this.length = length;
    this.vrfId = vrfId;
    this.tenantId = tenantId;
    this.cursor = firstHost;
  }

  /** Usable host offsets: all of a /31 or /32, else everything but network and broadcast. */
  get capacity(): number {
    const size = blockSize(this.length);
    return this.length >= 31 ? size : size - 2;
  }

  get used(): number {
    return this.taken.size;
  }

  /** Takes a specific host offset (1 = first host). */
  takeOffset(offset: number): string {
    if (this.taken.has(offset)) throw new Error(`address offset ${offset} of pool ${this.id} is taken`);
    this.taken.add(offset);
    return hostAddress(this.network, this.length, offset);
  }

  /** Takes the next free host, or null when the prefix is full. */
  next(): string | null {
    const last = this.length >= 31 ? blockSize(this.length) - 1 : blockSize(this.length) - 2;
    while (this.cursor <= last && this.taken.has(this.cursor)) this.cursor += 1;
    if (this.cursor > last) return null;
    return this.takeOffset(this.cursor);
  }
}
