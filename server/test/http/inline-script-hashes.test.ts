import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes } from '../../src/http/static-web.ts';

const hash = (body: string): string => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes what the browser checks against script-src: plain and module scripts and import maps', () => {
    const importMap = '{"imports":{"#entry":"/_nuxt/a.js"}}';
    const html = [
      `<script type="importmap">${importMap}</script>`,
      '<script type="module" src="/_nuxt/a.js" crossorigin></script>',
      '<script>window.colorMode = 1</script>',
      '<script type="module">import "#entry"</script>',
      '<script type="application/json" id="__NUXT_DATA__">[1]</script>',
      '<script></script>',
    ].join('');
    expect(inlineScriptHashes(html)).toEqual([hash(importMap), hash('window.colorMode = 1'), hash('import "#entry"')]);
  });
});
