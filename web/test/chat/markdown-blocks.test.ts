import { ComarkRenderer } from '@comark/vue';
import { parse } from 'comark';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { markdownBlocks } from '../../app/utils/chat/markdown-blocks.ts';
import { answerPlugins } from '../../app/utils/chat/markdown-plugins.ts';

/** The inner HTML of what the chat renders for `markdown` (Comark's wrapper element taken off). */
async function html(markdown: string): Promise<string> {
  const tree = await parse(markdown, { html: false, autoUnwrap: false, autoClose: false, plugins: answerPlugins('https://netbox.example.com') as never });
  const out = await renderToString(createSSRApp({ render: () => h(ComarkRenderer, { tree }) }));
  return out.replace(/^<div class="comark-content">/, '').replace(/<\/div>$/, '');
}

const ANSWER = [
  '## Devices at chi-dc1',
  '',
  'The site has **12 devices**; two are `planned`.',
  '',
  '| Device | Status |',
  '| --- | --- |',
  '| chi-dc1-sw01 | active |',
  '| chi-dc1-fw01 | planned |',
  '',
  'Loose list:',
  '',
  '- first',
  '',
  '- second',
  '',
  '  still the second item',
  '',
  '1. one',
  '2. two',
  '',
  '```yaml',
  'vlans:',
  '',
  'Not a new block: inside the fence.',
  '',
  '  - name: mgmt',
  '```',
  '',
  '    indented code',
  '',
  '    more of it',
  '',
  '> a quote',
  '',
  '> another',
  '',
  '---',
  '',
  'Last paragraph.',
].join('\n');

describe('answer Markdown in blocks', () => {
  it('renders block by block exactly as the whole text renders', async () => {
    const { done, tail } = markdownBlocks(ANSWER, false);
    expect(tail).toBeNull();
    expect(done.length).toBeGreaterThan(4);
    const pieces = await Promise.all(done.map(html));
    expect(pieces.join('')).toBe(await html(ANSWER));
  });

  it('never cuts inside a code fence, a list or before an indented line', () => {
    const { done } = markdownBlocks(ANSWER, false);
    expect(done.find((b) => b.startsWith('```yaml'))).toContain('Not a new block: inside the fence.\n\n  - name: mgmt\n```');
    expect(done.find((b) => b.startsWith('Loose list:'))).toContain('- second\n\n  still the second item\n\n1. one');
  });

  it('keeps the block being written as the tail, whole blocks before it', () => {
    expect(markdownBlocks('One.\n\nTwo', true)).toEqual({ done: ['One.'], tail: 'Two' });
    // A blank line alone ends nothing yet: the next line may continue the list.
    expect(markdownBlocks('- a\n\n', true)).toEqual({ done: [], tail: '- a' });
    expect(markdownBlocks('- a\n\n- b', true)).toEqual({ done: [], tail: '- a\n\n- b' });
    expect(markdownBlocks('```\nx\n\nY', true)).toEqual({ done: [], tail: '```\nx\n\nY' });
    expect(markdownBlocks('', true)).toEqual({ done: [], tail: '' });
  });

  it('does not cut a text whose parts depend on each other', () => {
    expect(markdownBlocks('See [NetBox][nb].\n\nMore.\n\n[nb]: https://netbox.example.com', false).done).toHaveLength(1);
    expect(markdownBlocks('::note\nA\n\nB\n::', false).done).toHaveLength(1);
  });

  it('ends up with every block of the streamed text done, whatever the chunks', () => {
    const seen = new Set<string>();
    for (let end = 1; end <= ANSWER.length; end += 7) {
      for (const block of markdownBlocks(ANSWER.slice(0, end), true).done) seen.add(block);
    }
    for (const block of markdownBlocks(ANSWER, false).done.slice(0, -1)) expect(seen).toContain(block);
    // A block once done is never taken back while the text grows.
    const done = markdownBlocks(ANSWER, false).done;
    for (const block of seen) expect(done).toContain(block);
  });
});
