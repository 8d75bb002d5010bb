import { ComarkRenderer } from '@comark/vue';
import { parse } from 'comark';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { answerPlugins } from '../../app/utils/chat/markdown-plugins.ts';
import type { ComarkTree } from '../../app/utils/chat/markdown-safety.ts';
import { linkableNames, linkObjectNames, nameMatcher, type NameUrls } from '../../app/utils/chat/object-links.ts';

const NETBOX = 'https://netbox.example.com';
const DEVICE = `${NETBOX}/dcim/devices/3/`;
const SITE = `${NETBOX}/dcim/sites/1/`;
const NAMES: NameUrls = { 'chi-dc1-cr01': DEVICE, 'chi-dc1': SITE };

async function tree(markdown: string, streaming = false): Promise<ComarkTree> {
  return (await parse(markdown, { html: false, autoUnwrap: false, plugins: answerPlugins(NETBOX) as never, ...({ streaming } as object) })) as unknown as ComarkTree;
}

/** Markdown to HTML as the chat shows an answer: parsed with our plugins, names linked, then Comark's renderer. */
async function render(markdown: string, names: readonly NameUrls[] = [NAMES], options: { streaming?: boolean; netboxUrl?: string } = {}): Promise<string> {
  const matcher = nameMatcher(linkableNames(names, options.netboxUrl ?? NETBOX));
  const linked = linkObjectNames(await tree(markdown, options.streaming), matcher, { holdTail: options.streaming === true });
  return renderToString(createSSRApp({ render: () => h(ComarkRenderer, { tree: linked }) }));
}

const link = (href: string, text: string): string => `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>`;

describe('NetBox object names in an answer', () => {
  it('links each name in text and tables to its NetBox page, in a new tab without an opener', async () => {
    const html = await render('Site chi-dc1 has **chi-dc1-cr01**.\n\n| name | role |\n|---|---|\n| chi-dc1-cr01 | Core Router |');
    expect(html).toContain(`Site ${link(SITE, 'chi-dc1')} has <strong>${link(DEVICE, 'chi-dc1-cr01')}</strong>.`);
    expect(html).toContain(`<td>${link(DEVICE, 'chi-dc1-cr01')}</td>`);
  });

  it('never links inside code spans, code blocks or links the model wrote', async () => {
    const html = await render('`chi-dc1-cr01` and [the core](https://netbox.example.com/dcim/devices/9/) and [chi-dc1-cr01](https://netbox.example.com/x/)\n\n```\nping chi-dc1-cr01\n```\n\n```json\n{"name": "chi-dc1-cr01"}\n```');
    expect(html).not.toContain(link(DEVICE, 'chi-dc1-cr01'));
    expect(html).toContain('<code>chi-dc1-cr01</code>');
    expect(html).toContain(link('https://netbox.example.com/x/', 'chi-dc1-cr01'));
    expect(html).toContain('ping chi-dc1-cr01');
  });

  it('links whole tokens only, and a sentence can end with a name', async () => {
    const glued = ['chi-dc1-cr01x', 'xchi-dc1-cr01', 'chi-dc1-cr01-mgmt', 'chi-dc1-cr01.example.com', 'lab.chi-dc1-cr01', 'chi-dc1-cr01_old', '2chi-dc1-cr01'];
    const html = await render(glued.join(' '));
    // (The parser's own autolink may make the host name a link of its own; never one of ours.)
    expect(html).not.toContain(DEVICE);
    const ok = await render('(chi-dc1-cr01), chi-dc1-cr01: "chi-dc1-cr01" and chi-dc1-cr01.');
    expect(ok.match(/<a /g)).toHaveLength(4);
    expect(ok).toContain(`${link(DEVICE, 'chi-dc1-cr01')}.</p>`);
  });

  it('takes the longest name first, and matches case exactly', async () => {
    const html = await render('chi-dc1-cr01 is in chi-dc1; CHI-DC1-CR01 is not a name here.');
    expect(html).toContain(`${link(DEVICE, 'chi-dc1-cr01')} is in ${link(SITE, 'chi-dc1')};`);
    expect(html).toContain('CHI-DC1-CR01 is not');
  });

  it('shows a name that looks like HTML as text, also when it is linked', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = await render(`Device ${evil} is down.`, [{ [evil]: DEVICE }]);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(link(DEVICE, '&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('links only to http(s) pages on the NetBox the chat uses', async () => {
    const names: NameUrls = {
      'sw-js': 'javascript:alert(1)',
      'sw-data': 'data:text/html,<b>x</b>',
      'sw-path': '/dcim/devices/4/',
      'sw-other': 'https://evil.example/dcim/devices/5/',
      'sw-http': 'http://netbox.example.com/dcim/devices/6/',
      'sw-ok': `${NETBOX}/dcim/devices/7/`,
    };
    const html = await render('sw-js sw-data sw-path sw-other sw-http sw-ok', [names]);
    expect(html).toContain(link(`${NETBOX}/dcim/devices/7/`, 'sw-ok'));
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).not.toMatch(/javascript|data:|evil\.example|devices\/4|devices\/6/);
    // Without a known NetBox, nothing is linked.
    expect(linkableNames([names], null).size).toBe(0);
    expect(linkableNames([names], 'javascript:alert(1)').size).toBe(0);
  });

  it('drops names that two results give different pages for, and short or all-digit ones', () => {
    const names = linkableNames(
      [
        { em0: `${NETBOX}/dcim/interfaces/1/`, 'sw-01': `${NETBOX}/dcim/devices/1/`, ab: `${NETBOX}/dcim/devices/2/`, '100': `${NETBOX}/ipam/vlans/1/` },
        { em0: `${NETBOX}/dcim/interfaces/2/`, 'sw-01': `${NETBOX}/dcim/devices/1/` },
        { em0: `${NETBOX}/dcim/interfaces/1/` },
        undefined,
      ],
      NETBOX,
    );
    expect([...names]).toEqual([['sw-01', `${NETBOX}/dcim/devices/1/`]]);
  });

  it('holds back a name at the very end while the answer streams, as it may be the start of a longer one', async () => {
    const streaming = await render('The site is chi-dc1', [NAMES], { streaming: true });
    expect(streaming).not.toContain('<a');
    const done = await render('The site is chi-dc1', [NAMES]);
    expect(done).toContain(link(SITE, 'chi-dc1'));
    const further = await render('The site is chi-dc1, and', [NAMES], { streaming: true });
    expect(further).toContain(link(SITE, 'chi-dc1'));
  });

  it('leaves the parsed tree as it was and changes nothing without names', async () => {
    const parsed = await tree('chi-dc1-cr01 here');
    const before = JSON.stringify(parsed);
    const linked = linkObjectNames(parsed, nameMatcher(linkableNames([NAMES], NETBOX)));
    expect(JSON.stringify(linked)).not.toBe(before);
    expect(JSON.stringify(parsed)).toBe(before);
    expect(linkObjectNames(parsed, nameMatcher(new Map()))).toBe(parsed);
  });

  it('keeps regular-expression characters in names literal', async () => {
    const html = await render('10.1.0.0/16 and 10.1.0.0x16 and 10a1b0c0/16', [{ '10.1.0.0/16': `${NETBOX}/ipam/prefixes/1/` }]);
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain(link(`${NETBOX}/ipam/prefixes/1/`, '10.1.0.0/16'));
  });
});
