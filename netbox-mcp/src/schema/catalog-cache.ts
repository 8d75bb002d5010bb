import type { NetboxClient } from '../client/netbox-client.ts';
import { NetboxMcpError } from '../errors.ts';
import { buildObjectTypes } from './build-catalog.ts';
import { Catalog } from './catalog.ts';
import type { OpenApiDoc } from './openapi-doc.ts';

/**
 * NetBox's schema is 11 MB and the same for every user of one instance and version: parse it once per
 * (URL, version), shared by all sessions.
 */
const catalogs = new Map<string, Promise<Catalog>>();

export async function loadCatalog(client: NetboxClient): Promise<Catalog> {
  const { version } = await client.status();
  const key = `${client.baseUrl}|${version}`;
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = fetchCatalog(client, version);
    catalogs.set(key, catalog);
    catalog.catch(() => catalogs.delete(key));
  }
  return catalog;
}

async function fetchCatalog(client: NetboxClient, version: string): Promise<Catalog> {
  const doc = await client.get<OpenApiDoc>('/api/schema/', { format: 'json' });
  if (!doc || typeof doc !== 'object' || !doc.paths) {
    throw new NetboxMcpError('NETBOX_BAD_RESPONSE', 'NetBox /api/schema/ did not return an OpenAPI document.', {
      hint: 'The tools need NetBox 4.x with its REST API schema enabled.',
    });
  }
  return new Catalog(version, buildObjectTypes(doc));
}

/** For tests: forget cached catalogs. */
export function clearCatalogCache(): void {
  catalogs.clear();
}
