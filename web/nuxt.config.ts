// The chat UI: a single-page app (BRIEF §2), generated to static files that server/ serves on the same origin.
const serverUrl = process.env.CHATBOX_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  ssr: false,
  modules: ['@nuxt/ui', '@comark/nuxt'],
  css: ['~/assets/css/main.css'],
  devtools: { enabled: false },
  // The workspace imports with .ts suffixes (NodeNext, as the server runs them); vue-tsc must accept them too.
  typescript: { tsConfig: { compilerOptions: { allowImportingTsExtensions: true } } },
  telemetry: false,
  app: {
    head: {
      htmlAttrs: { lang: 'en' },
      title: 'NetBox Chatbox',
      meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
      link: [{ rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
    },
  },
  // No font or icon is fetched from the internet: the server's CSP allows only 'self', and many users run offline.
  ui: { fonts: false },
  icon: {
    provider: 'none',
    // .ts too: utils name icons (tool kinds, starter topics) that no template spells out.
    clientBundle: { scan: { globInclude: ['**/*.{vue,ts}'], globExclude: ['node_modules', 'dist', 'test', '.*'] }, sizeLimitKb: 256 },
  },
  // `npm run dev`: the Nuxt dev server proxies the API and the WebSocket to a running chat server. Nitro's proxy,
  // not Vite's: Nuxt runs Vite in middleware mode, where Vite's own proxy never sees the upgrade.
  nitro: {
    // brotli and gzip of every asset, made once at build time: the server sends them as they are (static-web.ts).
    compressPublicAssets: { brotli: true, gzip: true },
    devProxy: {
      '/api': { target: `${serverUrl}/api`, changeOrigin: false },
      '/ws': { target: `${serverUrl.replace(/^http/, 'ws')}/ws`, ws: true, changeOrigin: false },
      '/health': { target: `${serverUrl}/health` },
      '/ready': { target: `${serverUrl}/ready` },
    },
  },
});
