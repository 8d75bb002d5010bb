import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server as `npm start` runs it: one JavaScript file of our own code (server, protocol, netbox-mcp, sandbox),
 * with npm dependencies left to node_modules. One file loads faster and holds ~40 MB less than the ~400 files
 * Node would type-strip one by one. esbuild only strips types here; `npm run typecheck` checks them.
 */
export const SERVER_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = join(SERVER_ROOT, 'dist', 'main.js');

/**
 * How `npm start` runs the bundle (package.json repeats them; a test keeps the two equal). PGlite's WASM stays on
 * V8's baseline compiler: optimized code for the whole of PostgreSQL costs ~35 MB for little gain on a chat's
 * small queries. A 4 MB young generation instead of V8's default keeps ~30 MB fewer pages around between bursts.
 */
export const SERVER_NODE_FLAGS = ['--liftoff-only', '--max-semi-space-size=4'] as const;

export async function buildServer(outfile: string = SERVER_BUNDLE): Promise<string> {
  await build({
    entryPoints: [join(SERVER_ROOT, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Workspace packages from their sources, as the tests use them.
    conditions: ['@netbox-chatbox/source'],
    // Every npm package stays external; only our workspace packages are bundled.
    plugins: [
      {
        name: 'npm-packages-external',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@netbox-chatbox/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer(process.argv[2] ? resolve(process.argv[2]) : SERVER_BUNDLE);
}
