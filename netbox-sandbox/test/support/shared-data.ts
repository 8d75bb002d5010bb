import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reference data beside the checkout (`../shared/netbox`); tests that need it skip when it is absent. */
export function sharedNetboxFile(name: string): string | null {
  const path = fileURLToPath(new URL(`../../../../shared/netbox/${name}`, import.meta.url));
  return existsSync(path) ? path : null;
}
