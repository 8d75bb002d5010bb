import { ComarkRenderer } from '@comark/vue';
import { parse } from 'comark';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { answerPlugins } from '../../app/utils/chat/markdown-plugins.ts';
import { safeHref } from '../../app/utils/chat/markdown-safety.ts';

const NETBOX = 'https://netbox.example.com';

/** Markdown to HTML the way the chat renders an answer: comark with our plugins, then Comark's Vue renderer. */
async function render(markdown: string, streaming = false): Promise<string> {
  const tree = await parse(markdown, { html: false, autoUnwrap: false, plugins: answerPlugins(NETBOX) as never, ...({ streaming } as object) });
  return renderToString(createSSRApp({ render: () => h(ComarkRenderer, { tree }) }));
}

describe('answer Markdown safety', () => {
  it('shows a device named like an HTML tag as text, never as an element', async () => {
    const html = await render('Device <img src=x onerror=alert(1)> is in **dc1**, and `<img src=x onerror=alert(1)>` too.');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>dc1</strong>');
  });

  it('renders no raw HTML block, script or event handler', async () => {
    const html = await render('<div onclick="alert(1)">x</div>\n\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)">y</a>');
    expect(html).not.toMatch(/<(div|script|a)\b[^>]*(onclick|javascript)/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('lets no component, attribute, style or remote image through Comark syntax', async () => {
    const html = await render(
      [
        'status :active and :img{src="https://evil.example/x.png" onerror="alert(1)"}',
        '',
        '::u-button{to="/sign-in"}\nclick\n::',
        '',
        '[styled]{style="position:fixed;inset:0" class="fixed"} and ![logo](https://evil.example/logo.png)',
        '',
        '[bad](javascript:alert(1)) and [in app](/c/other)',
      ].join('\n'),
    );
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/onerror|position:fixed|class="fixed"|u-button|href="javascript/i);
    expect(html).toContain('[bad](javascript:alert(1))');
    expect(html).toContain('status :active');
    expect(html).toContain('click');
    // The image becomes a plain link that opens in a new tab; a path link is taken to be NetBox's.
    expect(html).toContain('<a href="https://evil.example/logo.png" target="_blank" rel="noopener noreferrer">logo</a>');
    expect(html).toContain('<a href="https://netbox.example.com/c/other" target="_blank" rel="noopener noreferrer">in app</a>');
  });

  it('opens NetBox links in a new tab without an opener', async () => {
    const html = await render('See [chi-dc1-cr01](https://netbox.example.com/dcim/devices/3/).');
    expect(html).toContain('<a href="https://netbox.example.com/dcim/devices/3/" target="_blank" rel="noopener noreferrer">chi-dc1-cr01</a>');
  });

  it('renders tables, keeping column alignment only', async () => {
    const html = await render('| Device | Rack |\n|:---|---:|\n| cr01 | R1 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th style="text-align:left">Device</th>');
    expect(html).toContain('<td style="text-align:right">R1</td>');
  });

  it('highlights code in the bundled languages and leaves others plain', async () => {
    const html = await render('```json\n{"site": "dc1", "count": 12}\n```\n\n```cisco\ninterface Gi0/1\n```');
    expect(html).toMatch(/<pre[^>]*class="shiki[^"]*"/);
    expect(html).toMatch(/<span style="[^"]*color:#[0-9A-Fa-f]{6}[^"]*">/);
    expect(html).toContain('interface Gi0/1');
  });

  it('keeps highlighting safe when the streaming parser hands back earlier blocks', async () => {
    const html = await render('```json\n{"a": 1}\n```\n\nand more <img src=x onerror=alert(1)>', true);
    expect(html).toMatch(/class="shiki/);
    expect(html).not.toMatch(/<img/i);
  });

  it('allows only absolute web and mail links', () => {
    expect(safeHref('https://nb.example/dcim/sites/1/')).toBe('https://nb.example/dcim/sites/1/');
    expect(safeHref('mailto:noc@example.com')).toBe('mailto:noc@example.com');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('//evil.example/x')).toBeNull();
    expect(safeHref('/dcim/devices/3/')).toBeNull();
    expect(safeHref('/dcim/devices/3/', NETBOX)).toBe('https://netbox.example.com/dcim/devices/3/');
  });
});
