/** IPv4 arithmetic on plain numbers, and the few IPv6 strings the data set needs. */

export function ipv4ToNumber(address: string): number {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`bad IPv4 ${address}`);
  return (((parts[0] as number) * 256 + (parts[1] as number)) * 256 + (parts[2] as number)) * 256 + (parts[3] as number);
}

export function numberToIpv4(value: number): string {
  return `${Math.floor(value / 16777216) % 256}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`;
}

export function blockSize(length: number): number {
  return 2 ** (32 - length);
}

/** `10.1.2.0/24` for a network number and length. */
export function cidr(network: number, length: number): string {
  return `${numberToIpv4(network)}/${length}`;
}

/** `10.1.2.7/24`: a host address written with its prefix's mask, as NetBox stores interface addresses. */
export function hostAddress(network: number, length: number, offset: number): string {
  return `${numberToIpv4(network + offset)}/${length}`;
}

export function parseCidr(value: string): { family: 4 | 6; network: bigint; length: number; address: bigint } {
  const [addr = '', len] = value.split('/');
  if (addr.includes(':')) {
    const address = ipv6ToBigInt(addr);
    const length = len === undefined ? 128 : Number(len);
    const mask = length === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - length)) - 1n);
    return { family: 6, network: address & mask, length, address };
  }
  const address = BigInt(ipv4ToNumber(addr));
  const length = len === undefined ? 32 : Number(len);
  const mask = length === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - length)) - 1n);
  return { family: 4, network: address & mask, length, address };
}

export function ipv6ToBigInt(address: string): bigint {
  const [head = '', tail] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const groups = [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts];
  if (groups.length !== 8) throw new Error(`bad IPv6 ${address}`);
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}
