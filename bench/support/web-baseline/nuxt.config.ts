import { defineNuxtConfig } from 'nuxt/config';

/**
 * The bench's baseline: a bare Nuxt 4 + Nuxt UI single-page app with the same rendering mode, offline icons and
 * fonts as web/, so `npm run bench:web` can tell what our UI adds on top of the framework it is built on.
 */
export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  ssr: false,
  modules: ['@nuxt/ui'],
  css: ['~/assets/css/main.css'],
  devtools: { enabled: false },
  telemetry: false,
  ui: { fonts: false },
  icon: { provider: 'none', clientBundle: { scan: true } },
});
