import { NetboxMcpError } from '../errors.ts';
import { closest } from './did-you-mean.ts';
import type { ObjectType } from './object-type.ts';

/** Short names people and models use for a model: `ipam.ip`, `vm`. Each names one model of NetBox's. */
const MODEL_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ipaddress: ['ip', 'ips', 'ipaddr', 'ipaddrs'],
  virtualmachine: ['vm', 'vms'],
  interface: ['iface', 'ifaces', 'intf'],
  virtualchassis: ['vc'],
  circuittermination: ['circuitterminations'],
};

/** Apps whose models win when a bare model name (`device`, `role`) could mean several. */
const APP_PRIORITY = ['dcim', 'ipam', 'virtualization', 'circuits', 'tenancy', 'extras', 'vpn', 'wireless', 'core', 'users'];

/** The object types one NetBox instance serves, for one NetBox version. */
export class Catalog {
  readonly version: string;
  readonly #types: Map<string, ObjectType>;
  readonly #aliases = new Map<string, string>();
  readonly #byListPath = new Map<string, ObjectType>();

  constructor(version: string, types: readonly ObjectType[]) {
    this.version = version;
    this.#types = new Map(types.map((t) => [t.key, t]));
    for (const t of types) this.#byListPath.set(t.listPath, t);
    const ranked = [...types].sort((a, b) => rank(a.app) - rank(b.app));
    for (const t of ranked) {
      const model = t.key.slice(t.app.length + 1);
      const short = t.plugin ? [] : (MODEL_ALIASES[model] ?? []).flatMap((a) => [a, `${t.app}.${a}`]);
      for (const alias of [t.key, `${t.app}.${t.slug}`, `${t.app}/${t.slug}`, model, t.slug, t.slug.replace(/-/g, ''), ...short]) {
        const normal = normalize(alias);
        if (!this.#aliases.has(normal)) this.#aliases.set(normal, t.key);
      }
    }
  }

  get types(): readonly ObjectType[] {
    return [...this.#types.values()];
  }

  find(key: string): ObjectType | undefined {
    const found = this.#aliases.get(normalize(key));
    return found ? this.#types.get(found) : undefined;
  }

  /**
   * The type of a nested object by its API URL (`…/api/dcim/interfaces/5/` → dcim.interface), whatever host
   * or path prefix the URL has: nested objects carry no type of their own.
   */
  typeOfUrl(url: unknown): ObjectType | undefined {
    if (typeof url !== 'string') return undefined;
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      return undefined;
    }
    const match = /(\/api\/.+\/)\d+\/$/.exec(path);
    return match ? this.#byListPath.get(match[1]!) : undefined;
  }

  /** Accepts `dcim.device`, `dcim.devices`, `device`, `/api/dcim/devices/`; anything else is a clear error. */
  resolve(input: string): ObjectType {
    const found = this.find(input);
    if (found) return found;
    const suggestions = closest(input, this.#types.keys());
    throw new NetboxMcpError('UNKNOWN_OBJECT_TYPE', `'${input}' is not an object type this NetBox serves.`, {
      hint: suggestions.length
        ? `Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}? Types are app.model, e.g. dcim.device.`
        : 'Types are app.model, e.g. dcim.device, ipam.prefix; netbox_describe_type lists them all.',
    });
  }

  /**
   * The object type a filter names (`site` → dcim.site, `role` on a prefix → ipam.role): the serializer's own
   * relation first, then a model of that name, nearest apps first.
   */
  filterTarget(type: ObjectType, base: string): ObjectType | undefined {
    const field = type.fields.get(base);
    if (field?.target) return this.#types.get(field.target);
    const model = base.replace(/_/g, '');
    const sameApp = this.#types.get(`${type.app}.${model}`);
    if (sameApp) return sameApp;
    const special = SPECIAL_TARGETS[base];
    if (special) return this.#types.get(special);
    for (const app of APP_PRIORITY) {
      const t = this.#types.get(`${app}.${model}`);
      if (t) return t;
    }
    return undefined;
  }
}

/** Filter names whose model is not their own name. */
const SPECIAL_TARGETS: Record<string, string> = {
  device_role: 'dcim.devicerole',
  parent_device: 'dcim.device',
  assigned_device: 'dcim.device',
  primary_ip: 'ipam.ipaddress',
  provider_network: 'circuits.providernetwork',
  owner: 'users.owner',
  contact: 'tenancy.contact',
};

function rank(app: string): number {
  const index = APP_PRIORITY.indexOf(app);
  return index < 0 ? APP_PRIORITY.length : index;
}

function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\/?api\//, '')
    .replace(/^\/+|\/+$/g, '')
    .replace(/[\s_]/g, '');
}
