import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Workspace packages that ship a build resolve to their TypeScript sources in tests, as they do under npm start. */
const conditions = ['@netbox-chatbox/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['netbox-sandbox/test/support/global-setup.ts', 'e2e/test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
