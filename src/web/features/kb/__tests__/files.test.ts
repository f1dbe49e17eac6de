import { describe, expect, it } from 'vitest';
import { insertAt, markdownForFile } from '../files.js';

describe('kb editor: uploaded files in Markdown', () => {
  it('images become image syntax, attachments links; the label is the file name without extension or brackets', () => {
    expect(markdownForFile({ url: '/hc/files/f1/shot.png', filename: 'shot.png', content_type: 'image/png' })).toBe('![shot](/hc/files/f1/shot.png)');
    expect(markdownForFile({ url: '/hc/files/f2/w8ben.pdf', filename: 'W-8BEN [2026].pdf', content_type: 'application/pdf' })).toBe('[W-8BEN 2026](/hc/files/f2/w8ben.pdf)');
    expect(markdownForFile({ url: '/hc/files/f3/x', filename: '.pdf', content_type: 'application/pdf' })).toBe('[file](/hc/files/f3/x)');
  });

  it('inserts at the caret as its own paragraph, or at the end', () => {
    expect(insertAt('Intro\n\nMore', 5, '![a](u)')).toBe('Intro\n\n![a](u)\n\nMore');
    expect(insertAt('Intro', null, '![a](u)')).toBe('Intro\n\n![a](u)');
    expect(insertAt('', 0, '[f](u)')).toBe('[f](u)');
    expect(insertAt('One\n', 99, 'X')).toBe('One\n\nX');
    expect(insertAt('A\n\nB', 3, 'X')).toBe('A\n\nX\n\nB');
  });
});
