// The chat UI: a single-page app (BRIEF §2), generated to static files that server/ serves on the same origin.
const serverUrl = process.env.CHATBOX_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  ssr: false,
  modules: ['@nuxt/ui', '@comark/nuxt'],
  css: ['~/assets/css/main.css'],
  devtools: { enabled: false },
  telemetry: false,
  app: {
    head: {
      htmlAttrs: { lang: 'en' },
      title: 'NetBox Chatbox',
      meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
    },
  },
  // No font or icon is fetched from the internet: the server's CSP allows only 'self', and many users run offline.
  ui: { fonts: false },
  icon: {
    provider: 'none',
    clientBundle: { scan: true, sizeLimitKb: 256 },
  },
  // `npm run dev`: the Nuxt dev server proxies the API and the WebSocket to a running chat server.
  vite: {
    server: {
      proxy: {
        '/api': { target: serverUrl, changeOrigin: false },
        '/ws': { target: serverUrl.replace(/^http/, 'ws'), ws: true, changeOrigin: false },
        '/health': serverUrl,
        '/ready': serverUrl,
      },
    },
  },
});
