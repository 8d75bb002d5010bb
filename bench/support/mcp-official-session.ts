import type { ApiPage, ApiParams, SandboxApi } from './mcp-sandbox-api.ts';

/** The official server's object_type → endpoint map, for the types the questions touch. */
const ENDPOINTS: Readonly<Record<string, string>> = {
  'dcim.site': 'dcim/sites',
  'dcim.device': 'dcim/devices',
  'dcim.interface': 'dcim/interfaces',
  'dcim.rack': 'dcim/racks',
  'dcim.manufacturer': 'dcim/manufacturers',
  'ipam.ipaddress': 'ipam/ip-addresses',
  'ipam.prefix': 'ipam/prefixes',
  'ipam.vlan': 'ipam/vlans',
  'ipam.vrf': 'ipam/vrfs',
  'virtualization.cluster': 'virtualization/clusters',
  'virtualization.virtualmachine': 'virtualization/virtual-machines',
  'circuits.provider': 'circuits/providers',
  'circuits.circuit': 'circuits/circuits',
  'tenancy.tenant': 'tenancy/tenants',
  'extras.tag': 'extras/tags',
  'dcim.frontport': 'dcim/front-ports',
  'dcim.rearport': 'dcim/rear-ports',
  'dcim.consoleport': 'dcim/console-ports',
  'dcim.powerport': 'dcim/power-ports',
  'circuits.circuittermination': 'circuits/circuit-terminations',
  'ipam.vlangroup': 'ipam/vlan-groups',
  'ipam.service': 'ipam/services',
};

export interface GetObjectsOptions {
  readonly fields?: readonly string[];
  readonly brief?: boolean;
  /** The official default is 5, its maximum 100. */
  readonly limit?: number;
  readonly offset?: number;
  readonly ordering?: string;
}

/** Its largest page: the model asks for 100 rows at a time when it needs a whole list. */
export const OFFICIAL_MAX_LIMIT = 100;

/**
 * What one model conversation with the official netbox-mcp-server v1.2.1 costs: every tool call is one GET with
 * the parameters that server builds, and its result is NetBox's JSON body as is.
 */
export class OfficialSession {
  readonly api: SandboxApi;

  constructor(api: SandboxApi) {
    this.api = api;
  }

  get calls(): number {
    return this.api.calls;
  }

  get bytes(): number {
    return this.api.bytes;
  }

  /** `netbox_get_objects`: filters first, then limit/offset, `fields` as a comma list, `brief=1`, ordering. */
  getObjects<T = Record<string, unknown>>(objectType: string, filters: ApiParams, options: GetObjectsOptions = {}): Promise<ApiPage<T>> {
    const endpoint = ENDPOINTS[objectType];
    if (!endpoint) throw new Error(`no endpoint for ${objectType}`);
    return this.api.get<ApiPage<T>>(`/api/${endpoint}/`, {
      ...filters,
      limit: Math.min(options.limit ?? 5, OFFICIAL_MAX_LIMIT),
      offset: options.offset ?? 0,
      fields: options.fields?.length ? options.fields.join(',') : undefined,
      brief: options.brief ? '1' : undefined,
      ordering: options.ordering,
    });
  }

  /** Pages of 100 until NetBox says there is no next page: what a model does to see a whole list. */
  async getAll<T = Record<string, unknown>>(objectType: string, filters: ApiParams, fields: readonly string[]): Promise<T[]> {
    const rows: T[] = [];
    for (let offset = 0; ; offset += OFFICIAL_MAX_LIMIT) {
      const page = await this.getObjects<T>(objectType, filters, { fields, limit: OFFICIAL_MAX_LIMIT, offset });
      rows.push(...page.results);
      if (!page.next || page.results.length === 0) return rows;
    }
  }

  /** A name → id lookup with the default limit of 5, as its description's two-step pattern shows. */
  async idOf(objectType: string, filters: ApiParams): Promise<number> {
    const page = await this.getObjects(objectType, filters, { fields: ['id', 'name'] });
    const row = page.results[0];
    if (!row) throw new Error(`${objectType} ${JSON.stringify(filters)} not found`);
    return Number(row.id);
  }

  /** `netbox_get_changelogs(filters)`: the filters as they are, no limit, so NetBox's default page of 50. */
  getChangelogs(filters: ApiParams): Promise<ApiPage> {
    return this.api.get<ApiPage>('/api/core/object-changes/', filters);
  }
}
