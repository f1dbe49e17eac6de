import { describe, expect, it } from 'vitest';
import { classifyEmail } from '../email/classify.js';
import { stripQuotedHtml, stripQuotedText } from '../email/strip-quotes.js';
import { scanZip } from '../email/zip-scan.js';
import { cleanMessageId, isNoReplyAddress, messageIdList, splitPlus } from '../email/addresses.js';
import { decodeUtf7 } from '../email/parse-email.js';
import { renderTemplate } from '../email/templates.js';
import { similarity, wordsOf } from '../case/merge-suggestions.js';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] });

describe('classifyEmail', () => {
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'auto_reply'],
    [{ 'auto-submitted': 'no' }, 'normal'],
    [{ 'x-autoreply': 'yes' }, 'auto_reply'],
    [{ precedence: 'bulk' }, 'list'],
    [{ precedence: 'auto_reply' }, 'auto_reply'],
    [{ 'list-unsubscribe': '<mailto:u@x>' }, 'list'],
    [{ 'content-type': 'multipart/report; report-type=delivery-status; boundary=x' }, 'bounce'],
    [{}, 'normal'],
  ])('%j → %s', (h, expected) => {
    expect(classifyEmail(headers(h), 'a@b.example', 'a@b.example').classification).toBe(expected);
  });
  it('MAILER-DAEMON senders and the null envelope sender are bounces', () => {
    expect(classifyEmail(headers({}), 'mailer-daemon@mx.example', 'x@y').classification).toBe('bounce');
    expect(classifyEmail(headers({}), 'a@b.example', '').classification).toBe('bounce');
  });
});

describe('stripQuotedText', () => {
  it('cuts at "On … wrote:" (also wrapped over two lines), Outlook headers and trailing > quotes', () => {
    expect(stripQuotedText('Thanks!\n\nOn Mon, 2 Mar 2026, Bob <b@x> wrote:\n> old').text).toBe('Thanks!');
    expect(stripQuotedText('Thanks!\nOn Mon, 2 Mar 2026 at 10:00, Support\n<s@x> wrote:\n> old').text).toBe('Thanks!');
    expect(stripQuotedText('Yes.\n\nFrom: Support <s@x>\nSent: Monday\nTo: me\n\nold text').text).toBe('Yes.');
    expect(stripQuotedText('Yes.\n-----Original Message-----\nold').text).toBe('Yes.');
    expect(stripQuotedText('Am 02.03.2026 um 10:00 schrieb Support <s@x>:\n> alt').stripped).toBe(false); // nothing above: keep all
    expect(stripQuotedText('New text\n> quoted\n> more\n').text).toBe('New text');
  });
  it('keeps inline answers between quotes, forwarded messages and "From:" lines in the text itself', () => {
    const inline = '> question 1\nanswer 1\n> question 2\nanswer 2';
    expect(stripQuotedText(inline).text).toBe(inline);
    const fwd = 'FYI\n---------- Forwarded message ---------\nFrom: a@b\nDate: x\n\nbody';
    expect(stripQuotedText(fwd).text).toBe(fwd);
    expect(stripQuotedText('From: my account page I cannot pay.').text).toBe('From: my account page I cannot pay.');
  });
  it('drops signatures after "-- " and mobile footers', () => {
    expect(stripQuotedText('Hi\nthanks\n-- \nBob\nCEO').text).toBe('Hi\nthanks');
    expect(stripQuotedText('Ok\n\nSent from my iPhone').text).toBe('Ok');
  });
  it('removes Gmail / Apple / Outlook quote blocks from HTML', () => {
    expect(stripQuotedHtml('<p>new</p><div class="gmail_quote">old</div>')).toBe('<p>new</p>');
    expect(stripQuotedHtml('<p>new</p><blockquote type="cite">old</blockquote><p>tail</p>')).toBe('<p>new</p><p>tail</p>');
    expect(stripQuotedHtml('<p>new</p><div id="appendonsend"></div><hr>old')).toBe('<p>new</p>');
  });
});

describe('addresses', () => {
  it('plus addressing, Message-ID lists, no-reply senders', () => {
    expect(splitPlus('Support+T123@Clipster.test')).toEqual({ base: 'support@clipster.test', tag: 't123' });
    expect(splitPlus('support@clipster.test').tag).toBeNull();
    expect(cleanMessageId(' <abc@x> ')).toBe('abc@x');
    expect(messageIdList('<a@x> <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(isNoReplyAddress('no-reply@shop.example')).toBe(true);
    expect(isNoReplyAddress('norbert@shop.example')).toBe(false);
  });
  it('decodes UTF-7 (RFC 2152 examples)', () => {
    expect(decodeUtf7('Hi Mom -+Jjo--!')).toBe('Hi Mom -☺-!');
    expect(decodeUtf7('A+ImIDkQ.')).toBe('A≢Α.');
    expect(decodeUtf7('1 +- 1 = 2')).toBe('1 + 1 = 2');
  });
});

describe('scanZip', () => {
  it('is null for non-zips and flags an implausible expansion', () => {
    expect(scanZip(Buffer.from('not a zip at all, just text'))).toBeNull();
    const name = Buffer.from('a');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(50_000, 24);
    central.writeUInt16LE(1, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(31, 16);
    const zip = Buffer.concat([local, name, central, name, eocd]);
    const v = scanZip(zip)!;
    expect(v.entries).toBe(1);
    expect(v.uncompressed).toBe(50_000);
    expect(v.suspicious).toBe(true);
    expect(v.why).toMatch(/ratio/);
  });
});

describe('templates and similarity', () => {
  it('renders known placeholders and leaves unknown ones visible', () => {
    expect(renderTemplate('Hi {{customer.name}} {{ nope }}', { 'customer.name': 'Ann' })).toBe('Hi Ann {{ nope }}');
  });
  it('word overlap ignores stop words and plural -s', () => {
    const s = similarity(wordsOf('Refund for my orders please'), wordsOf('where is the refund of the order'));
    expect(s.shared.sort()).toEqual(['order', 'refund']);
    expect(s.score).toBeGreaterThan(0.5);
  });
});
