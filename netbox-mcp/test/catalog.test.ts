import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedNetboxFile } from '../../netbox-sandbox/test/support/shared-data.ts';
import { buildObjectTypes } from '../src/schema/build-catalog.ts';
import { Catalog } from '../src/schema/catalog.ts';
import type { OpenApiDoc } from '../src/schema/openapi-doc.ts';
import { NetboxMcpError } from '../src/errors.ts';

const officialPath = sharedNetboxFile('openapi.json.gz');

describe.skipIf(!officialPath)('catalog from the official NetBox 4.6 schema', () => {
  // Read lazily: a skipped describe still runs its body to collect tests, and the file may be absent.
  const doc = officialPath ? (JSON.parse(gunzipSync(readFileSync(officialPath)).toString()) as OpenApiDoc) : { paths: {} };
  const catalog = new Catalog('4.6.0', buildObjectTypes(doc));

  it('knows every object type with a list and a detail endpoint, under its app.model name', () => {
    const expected = Object.keys(doc.paths).filter((p) => /^\/api\/[^/]+\/[^/{}]+\/$/.test(p) && doc.paths[`${p}{id}/`]?.get);
    // Every list+detail pair whose list answers a paginated object list is a type.
    expect(catalog.types.length).toBeGreaterThanOrEqual(129);
    expect(catalog.types.length).toBeLessThanOrEqual(expected.length);
    for (const key of ['dcim.device', 'ipam.ipaddress', 'core.objectchange', 'vpn.tunnel', 'wireless.wirelesslan', 'users.objectpermission', 'extras.taggeditem']) {
      expect(catalog.find(key)?.key).toBe(key);
    }
  });

  it('reads choice values behind x-spec-enum-id and relation targets', () => {
    const device = catalog.resolve('dcim.device');
    expect(device.filters.get('status')?.choices).toEqual(['offline', 'active', 'planned', 'staged', 'failed', 'inventory', 'decommissioning']);
    expect(device.fields.get('tags')).toEqual({ name: 'tags', kind: 'many', target: 'extras.tag' });
    expect(device.fields.get('parent_device')?.target).toBe('dcim.device');
    expect(device.fields.get('status')?.kind).toBe('choice');
  });

  it('takes the short names people use for a type, and suggests by how a name begins', () => {
    for (const [alias, key] of [
      ['ipam.ip', 'ipam.ipaddress'],
      ['ip', 'ipam.ipaddress'],
      ['vm', 'virtualization.virtualmachine'],
      ['virtualization.vms', 'virtualization.virtualmachine'],
      ['dcim.iface', 'dcim.interface'],
      ['vc', 'dcim.virtualchassis'],
    ]) {
      expect(catalog.resolve(alias!).key, alias).toBe(key);
    }
    const hintFor = (input: string): string => {
      try {
        catalog.resolve(input);
      } catch (error) {
        return String((error as NetboxMcpError).hint);
      }
      throw new Error(`${input} resolved`);
    };
    expect(hintFor('ipam.ipad')).toMatch(/^Did you mean 'ipam\.ipaddress'/);
    expect(hintFor('ipam.ipr')).toMatch(/^Did you mean 'ipam\.iprange'/);
    expect(hintFor('dcim.inter')).toMatch(/^Did you mean 'dcim\.interface'/);
  });

  it('maps a filter to the type it names, in context', () => {
    expect(catalog.filterTarget(catalog.resolve('ipam.prefix'), 'role')?.key).toBe('ipam.role');
    expect(catalog.filterTarget(catalog.resolve('dcim.device'), 'role')?.key).toBe('dcim.devicerole');
    expect(catalog.filterTarget(catalog.resolve('dcim.device'), 'manufacturer')?.key).toBe('dcim.manufacturer');
    expect(catalog.filterTarget(catalog.resolve('ipam.ipaddress'), 'virtual_machine')?.key).toBe('virtualization.virtualmachine');
  });
});

describe('object type names', () => {
  const doc: OpenApiDoc = {
    paths: {
      '/api/dcim/devices/': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/PaginatedDeviceWithConfigContextList' } } } } } } },
      '/api/dcim/devices/{id}/': { get: {} },
      '/api/ipam/ip-addresses/': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/PaginatedIPAddressList' } } } } } } },
      '/api/ipam/ip-addresses/{id}/': { get: {} },
      '/api/plugins/bgp/sessions/': {
        get: {
          parameters: [{ name: 'device_id', in: 'query', schema: { type: 'array', items: { type: 'integer' } } }],
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/PaginatedBGPSessionList' } } } } },
        },
      },
      '/api/plugins/bgp/sessions/{id}/': { get: {} },
    },
    components: {
      schemas: {
        PaginatedDeviceWithConfigContextList: { properties: { results: { items: { $ref: '#/components/schemas/DeviceWithConfigContext' } } } },
        DeviceWithConfigContext: { properties: { id: { type: 'integer' }, primary_ip4: { allOf: [{ $ref: '#/components/schemas/BriefIPAddress' }] } } },
        PaginatedIPAddressList: { properties: { results: { items: { $ref: '#/components/schemas/IPAddress' } } } },
        IPAddress: { properties: { id: { type: 'integer' } } },
        PaginatedBGPSessionList: { properties: { results: { items: { $ref: '#/components/schemas/BGPSession' } } } },
        BGPSession: { properties: { device: { $ref: '#/components/schemas/BriefDevice' } } },
      },
    },
  };
  const catalog = new Catalog('x', buildObjectTypes(doc));

  it('discovers plugin types from the instance schema', () => {
    const bgp = catalog.resolve('bgp.bgpsession');
    expect(bgp).toMatchObject({ plugin: true, listPath: '/api/plugins/bgp/sessions/' });
    expect(bgp.fields.get('device')?.target).toBe('dcim.device');
    expect(bgp.filters.get('device_id')).toMatchObject({ type: 'integer', multi: true });
  });

  it('accepts the forms people write', () => {
    for (const alias of ['dcim.device', 'DCIM.Device', 'dcim.devices', 'devices', 'device', '/api/dcim/devices/']) expect(catalog.resolve(alias).key).toBe('dcim.device');
    expect(catalog.resolve('ip-addresses').key).toBe('ipam.ipaddress');
    expect(catalog.resolve('ip address').key).toBe('ipam.ipaddress');
  });

  it('rejects an unknown type with a suggestion', () => {
    let error: unknown;
    try {
      catalog.resolve('dcim.devise');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NetboxMcpError);
    expect((error as NetboxMcpError).code).toBe('UNKNOWN_OBJECT_TYPE');
    expect((error as NetboxMcpError).hint).toContain("'dcim.device'");
  });
});
