import { describe, expect, it } from 'vitest';
import { htmlToText, normaliseBody, sanitizeMessageHtml } from '../message.js';

describe('sanitizeMessageHtml', () => {
  it('removes script elements with their content', () => {
    const out = sanitizeMessageHtml('<p>hi</p><script>alert(1)</script><style>p{}</style>');
    expect(out).toBe('<p>hi</p>');
  });

  it('removes event-handler attributes', () => {
    const out = sanitizeMessageHtml('<img src="https://x.test/a.png" onerror="alert(1)"><p onclick="steal()">x</p>');
    expect(out).not.toMatch(/onerror|onclick|alert|steal/);
    expect(out).toContain('src="https://x.test/a.png"');
  });

  it('drops javascript: and data: link targets but keeps http(s) and mailto links', () => {
    const out = sanitizeMessageHtml(
      '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(2)">b</a><a href="data:text/html,<script>x</script>">c</a>' +
        '<a href="https://ok.test/">d</a><a href="mailto:x@y.test">e</a>',
    );
    expect(out.toLowerCase()).not.toContain('javascript:');
    expect(out).not.toContain('data:text/html');
    expect(out).toContain('href="https://ok.test/"');
    expect(out).toContain('href="mailto:x@y.test"');
  });

  it('makes every link open safely (rel=noopener noreferrer, new tab)', () => {
    const out = sanitizeMessageHtml('<a href="https://ok.test/" rel="opener" target="_self">x</a>');
    expect(out).toMatch(/rel="[^"]*noopener[^"]*"/);
    expect(out).toMatch(/rel="[^"]*noreferrer[^"]*"/);
    expect(out).toContain('target="_blank"');
    expect(out).not.toMatch(/rel="opener"/);
  });

  it('removes iframes, forms and style attributes', () => {
    const out = sanitizeMessageHtml('<iframe src="https://evil.test"></iframe><form action="/x"><input name="a"></form><span style="position:fixed">s</span>');
    expect(out).toBe('<span>s</span>');
  });
});

describe('htmlToText', () => {
  it('keeps paragraph and line breaks and drops markup', () => {
    expect(htmlToText('<p>Hello <b>there</b></p><p>Line<br>two</p>')).toBe('Hello there\nLine\ntwo');
  });

  it('decodes entities exactly once', () => {
    expect(htmlToText('<p>a &lt; b &amp;&amp; c &gt; d</p>')).toBe('a < b && c > d');
    // The text "&lt;" written in HTML is "&amp;lt;": it must come out as "&lt;", not "<".
    expect(htmlToText('<p>write &amp;lt; for &lt;</p>')).toBe('write &lt; for <');
  });

  it('does not keep script content', () => {
    expect(htmlToText('<p>x</p><script>alert(1)</script>')).toBe('x');
  });
});

describe('normaliseBody', () => {
  it('derives text from sanitised HTML when no text is given', () => {
    expect(normaliseBody(undefined, '<p>Hi</p><script>x()</script>')).toEqual({ text: 'Hi', html: '<p>Hi</p>' });
  });

  it('prefers the given text and normalises line endings', () => {
    expect(normaliseBody('  a\r\nb  ', '<p>other</p>')).toEqual({ text: 'a\nb', html: '<p>other</p>' });
  });

  it('treats an empty or blank text next to HTML as absent', () => {
    expect(normaliseBody('', '<p>Hi</p>')).toEqual({ text: 'Hi', html: '<p>Hi</p>' });
    expect(normaliseBody(' \n ', '<p>Hi</p>')).toEqual({ text: 'Hi', html: '<p>Hi</p>' });
  });

  it('returns empty text and null html for nothing', () => {
    expect(normaliseBody(undefined, undefined)).toEqual({ text: '', html: null });
  });
});
