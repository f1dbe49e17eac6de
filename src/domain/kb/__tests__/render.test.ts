import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../render.js';
import { AppError } from '../../../platform/errors.js';
import { imageSize } from '../commands/upload-file.js';
import { parseMarkdownFile, parseZendeskExport } from '../import-formats.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('Markdown rendering and sanitisation vectors', () => {
  const vectors: Array<[string, RegExp]> = [
    ['<script>alert(1)</script>hello', /<script|alert/],
    ['<img src="/hc/files/kbf_1/a.png" onerror="alert(1)">', /onerror/],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/],
    ['<svg onload="alert(1)"><circle/></svg>', /<svg|onload/],
    ['<style>body{display:none}</style>text', /<style|display:none/],
    ['<div style="position:fixed;inset:0">overlay</div>', /style=/],
    ['<form action="https://evil.example"><input name="p"></form>', /<form|<input/],
    ['<object data="x.swf"></object><embed src="x">', /<object|<embed/],
    ['<a href="https://ok.example" onclick="steal()">link</a>', /onclick/],
    ['<img src="http://insecure.example/a.png">', /<img/],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /javascript:|xlink/],
    ['<base href="https://evil.example/">', /<base/],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta/],
  ];
  for (const [input, bad] of vectors) {
    it(`removes ${input.slice(0, 40)}`, () => {
      const r = renderMarkdown(input);
      expect(r.html).not.toMatch(bad);
      expect(r.warnings.length).toBeGreaterThan(0);
    });
  }

  it('Markdown links to javascript: stay inert text (markdown-it refuses the link)', () => {
    expect(renderMarkdown('[click](javascript:alert(1))').html).not.toMatch(/href=/);
  });

  it('keeps ordinary Markdown: headings get ids (h1 → h2), external links get rel, images are lazy', () => {
    const r = renderMarkdown('# Title\n\n## Step one\n\nSee [docs](https://example.com) and ![shot](/hc/files/kbf_01/shot.png)\n\n## Step one\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(r.html).toContain('<h2 id="title">Title</h2>');
    expect(r.html).toContain('<h2 id="step-one">');
    expect(r.html).toContain('<h2 id="step-one-2">');
    expect(r.html).toContain('rel="noopener noreferrer nofollow"');
    expect(r.html).toMatch(/<img src="\/hc\/files\/kbf_01\/shot.png" alt="shot" loading="lazy" decoding="async"/);
    expect(r.html).toContain('<table>');
    expect(r.headings.split('\n')).toEqual(['Title', 'Step one', 'Step one']);
    expect(r.warnings).toEqual([]);
  });

  it('broken Markdown still renders (unclosed fences, emphasis, tags) and text is plain', () => {
    const r = renderMarkdown('**bold without end\n\n<div><p>unclosed\n\n[link](\n\n```js\nconst x = 1;');
    expect(r.html).toContain('const x = 1;');
    expect(r.text).not.toMatch(/<[a-z]/);
    expect((r.html.match(/<div>/g) ?? []).length).toBe((r.html.match(/<\/div>/g) ?? []).length);
  });

  it('refuses inline data: images, NUL characters and oversized bodies with clear codes', () => {
    expect(code(() => renderMarkdown('![x](data:image/png;base64,AAAA)'))).toBe('KB_INLINE_IMAGE');
    expect(code(() => renderMarkdown('<img src="data:image/png;base64,AAAA">'))).toBe('KB_INLINE_IMAGE');
    expect(code(() => renderMarkdown('a\0b'))).toBe('KB_BODY_INVALID');
    expect(code(() => renderMarkdown('x'.repeat(200_001)))).toBe('KB_BODY_TOO_LARGE');
  });

  it('reads image dimensions from PNG and GIF headers', () => {
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(5000, 16);
    png.writeUInt32BE(20, 20);
    expect(imageSize(png)).toEqual({ width: 5000, height: 20 });
    const gif = Buffer.from('GIF89a\x10\x00\x20\x00\x00\x00\x00', 'latin1');
    expect(imageSize(gif)).toEqual({ width: 16, height: 32 });
  });
});

describe('import formats', () => {
  it('Markdown with front matter; problems are reported, not thrown', () => {
    const ok = parseMarkdownFile('en/a.md', '---\ntitle: Hello\nlabels: [x, 2]\n---\nBody', 'en');
    expect(ok).toMatchObject({ key: 'md:a', slug: 'a', title: 'Hello', labels: ['x', '2'], body: 'Body', sourceKey: null });
    expect(parseMarkdownFile('b.md', 'no front matter', 'en')).toMatchObject({ reason: expect.stringContaining('no front matter') });
    expect(parseMarkdownFile('c.md', '---\ntitle: [unclosed\n---\nx', 'en')).toMatchObject({ reason: expect.stringContaining('not valid YAML') });
    expect(parseMarkdownFile('d.md', '---\nslug: d\n---\nx', 'en')).toMatchObject({ reason: expect.stringContaining('title') });
    expect(parseMarkdownFile('de/e.md', '---\ntitle: Hallo\nsource: a\n---\nx', 'de')).toMatchObject({ sourceKey: 'md:a', locale: 'de' });
  });

  it('Zendesk Guide export: drafts, empty bodies and orphan translations are skipped with a reason', () => {
    const r = parseZendeskExport(JSON.stringify({
      sections: [{ id: 7, name: 'Billing' }],
      articles: [
        { id: 1, title: 'Refunds', body: '<p>How</p>', locale: 'en-us', section_id: 7, label_names: ['refund'] },
        { id: 2, title: 'Draft', body: '<p>x</p>', draft: true },
        { id: 3, title: '', body: '<p>x</p>' },
      ],
      translations: [{ id: 10, source_id: 1, locale: 'de', title: 'Erstattungen', body: '<p>Wie</p>' }, { id: 11, source_id: 99, locale: 'de', title: 'x', body: 'y' }],
    }));
    expect(r.items.map((i) => [i.key, i.locale, i.section])).toEqual([['zd:1', 'en-us', 'Billing'], ['zd:1', 'de', null]]);
    expect(r.problems.map((p) => p.reason)).toEqual([
      'draft in Zendesk (only published articles are imported)', 'no title', 'translation without a source: article 99 is not in the export',
    ]);
    expect(parseZendeskExport('{not json').problems[0].reason).toMatch(/not valid JSON/);
  });
});
