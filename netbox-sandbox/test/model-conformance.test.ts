import { beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.ts';
import { loadDump } from '../src/db/dump/load-dump.ts';
import { ALL_MODELS, defaultRegistry } from '../src/models/all-models.ts';
import { parameterNames } from '../src/query/lookups.ts';
import { createApiContext } from '../src/serialize/api-context.ts';
import { serializeObject } from '../src/serialize/serialize-object.ts';
import { createSchemaChecker, loadOfficialSchema, officialParameters } from './support/official-schema.ts';
import { sharedNetboxFile } from './support/shared-data.ts';

const doc = loadOfficialSchema();
const dumpFile = sharedNetboxFile('demo-data/netbox-demo-v4.2.sql.gz');
const registry = defaultRegistry();
const ROWS_PER_MODEL = 40;

/**
 * Places where NetBox 4.6.8's serializers (brief-fields-4.6.8.json) differ from the 4.6.0 schema in
 * ../shared: ModuleSerializer's brief fields gained module_type and description, and ModuleBay's
 * installed_module uses a short nested form. Errors matching these are NetBox's behaviour, not ours.
 */
const KNOWN_SCHEMA_DIFFERENCES: RegExp[] = [
  /^BriefModule: keys id,url,display,device,module_bay,module_type,description != schema/,
  // IPAddressSerializer's brief fields have no nat_inside/nat_outside; only Device/VM primary IPs add them.
  /^\/ must have required property 'nat_(inside|outside)'/,
  /^BriefIPAddress: keys id,url,display,family,address,description != schema/,
  /^ModuleBay\.installed_module: key serial out of order/,
  /^\/installed_module (must have required property '(device|module_bay)'|must be null|must match a schema in anyOf)/,
];
const unexpected = (errors: string[]) => errors.filter((e) => !KNOWN_SCHEMA_DIFFERENCES.some((re) => re.test(e)));

function briefName(schemaName: string): string {
  return `Brief${schemaName.replace(/WithConfigContext$/, '')}`;
}

describe.skipIf(!doc)('models against the official NetBox 4.6 schema', () => {
  it('advertises only filters that NetBox 4.6 has', () => {
    const unknown: string[] = [];
    for (const model of registry.models) {
      const official = officialParameters(doc!, `/api/${model.key.split('.')[0]}/${model.path}/`);
      expect(official, `${model.key}: no such path in the official schema`).not.toBeNull();
      for (const f of model.filters) for (const p of parameterNames(f)) if (!official!.has(p)) unknown.push(`${model.key}: ${p}`);
    }
    expect(unknown).toEqual([]);
  });

  it('names an existing schema component for every model', () => {
    const checker = createSchemaChecker(doc!);
    for (const model of ALL_MODELS) expect(checker.hasComponent(model.schemaName), model.key).toBe(true);
  });

  describe.skipIf(!dumpFile)("serializes NetBox's demo data as NetBox does", () => {
    let db: Database;
    beforeAll(async () => {
      db = new Database(await loadDump(dumpFile!));
    });

    for (const model of ALL_MODELS) {
      it(`${model.key}: full and brief`, () => {
        const checker = createSchemaChecker(doc!);
        const ctx = createApiContext(db, registry, 'http://127.0.0.1:8001');
        const rows = db.rows(model.table).slice(0, ROWS_PER_MODEL);
        const errors: string[] = [];
        for (const row of rows) {
          errors.push(...checker.check(model.schemaName, serializeObject(model, row, ctx, 'full')));
          if (checker.hasComponent(briefName(model.schemaName))) {
            errors.push(...checker.check(briefName(model.schemaName), serializeObject(model, row, ctx, 'brief')));
          }
        }
        expect(unexpected(errors).slice(0, 20)).toEqual([]);
      });
    }
  });
});

describe('the model registry', () => {
  it('serves every related model it points at', () => {
    const missing: string[] = [];
    for (const model of registry.models) {
      for (const f of model.fields) {
        if ((f.kind === 'fk' || f.kind === 'many') && !registry.find(f.target)) missing.push(`${model.key}.${f.name} -> ${f.target}`);
      }
      for (const f of model.filters) if (f.target && !registry.find(f.target)) missing.push(`${model.key} filter ${f.name} -> ${f.target}`);
    }
    expect(missing).toEqual([]);
  });

  it('has one model per path and per key', () => {
    const paths = registry.models.map((m) => `${m.key.split('.')[0]}/${m.path}`);
    expect(new Set(paths).size).toBe(paths.length);
    expect(new Set(registry.models.map((m) => m.key)).size).toBe(registry.models.length);
  });
});
