import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeRenderedHtml } from './markdown.ts';

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  's',
  'a',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'code',
  'pre',
  'hr',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const OWN_IMAGE = /^\/api\/v1\/images\/[0-9a-f-]{36}(\/thumbnail)?$/;

/** Every problem a rendered body could have that would let it run script or leave our origin. */
function problemsOf(html: string): string[] {
  const problems: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const tag = (name as string).toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) problems.push(`tag <${tag}>`);
    const rest = (attributes as string).replace(/\s([a-z-]+)="([^"]*)"/g, (_m, attr: string, value: string) => {
      if (attr === 'href' && !/^(https?:\/\/|mailto:)/.test(value)) problems.push(`href ${value}`);
      if (attr === 'src' && !OWN_IMAGE.test(value)) problems.push(`src ${value}`);
      if (!['href', 'rel', 'src', 'alt', 'loading', 'start'].includes(attr)) problems.push(`attribute ${attr}`);
      return '';
    });
    if (rest.replace(/\s*\/?$/, '').trim() !== '') problems.push(`unparsed attributes ${rest}`);
  }
  return problems;
}

describe('renderMarkdown', () => {
  it('renders the Markdown staff write', () => {
    expect(renderMarkdown('# お知らせ\n本文の1行目\n2行目\n\n- 一つ目\n- **二つ目**')).toBe(
      '<h2>お知らせ</h2>\n<p>本文の1行目<br />\n2行目</p>\n<ul>\n<li>一つ目</li>\n<li><strong>二つ目</strong></li>\n</ul>',
    );
  });

  it('gives links rel="noopener noreferrer" and keeps http, https and mailto', () => {
    expect(renderMarkdown('[市のサイト](https://www.kesennuma.miyagi.jp/) info@example.jp')).toBe(
      '<p><a href="https://www.kesennuma.miyagi.jp/" rel="noopener noreferrer">市のサイト</a> ' +
        '<a href="mailto:info@example.jp" rel="noopener noreferrer">info@example.jp</a></p>',
    );
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload=alert(1)>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](java&#x73;cript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:alert(1)>',
    '![x](javascript:alert(1))',
    '[x](https://example.jp/"onmouseover="alert(1))',
    '[x]: javascript:alert(1)\n\n[link][x]',
  ])('neutralises %j', (source) => {
    const html = renderMarkdown(source);
    expect(problemsOf(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|iframe|svg|img)\b/i);
  });

  it('makes no link of relative, protocol-relative or other-scheme targets, and keeps the text', () => {
    const html = renderMarkdown('[管理画面](/admin) [他所](//evil.example) [ftp](ftp://example.jp) <A-:>');
    expect(html).not.toContain('href');
    expect(html).toContain('管理画面');
    expect(problemsOf(html)).toEqual([]);
  });

  it('embeds only images uploaded to the platform', () => {
    const own = '/api/v1/images/0b5a8f3e-1234-4abc-8def-0123456789ab';
    expect(renderMarkdown(`![港の写真](${own})`)).toBe(`<p><img src="${own}" alt="港の写真" loading="lazy" /></p>`);
    expect(renderMarkdown('![追跡](https://tracker.example/pixel.gif)')).not.toContain('<img');
  });

  it('keeps the page to one <h1>: Markdown headings start at <h2>', () => {
    expect(renderMarkdown('# A\n###### B')).toBe('<h2>A</h2>\n<h4>B</h4>');
  });

  it('never lets script through, whatever the input (property)', () => {
    const fragment = fc.constantFrom(
      '<script>',
      '</script>',
      '<img src=x onerror=alert(1)>',
      'javascript:',
      'JaVaScRiPt:',
      'data:text/html,',
      '&#106;',
      '&#x73;',
      '"',
      "'",
      '<',
      '>',
      '[',
      '](',
      ')',
      '![',
      '<a href="',
      '\n',
      '\n\n',
      '# ',
      '* ',
      '`',
      '```\n',
      'https://example.jp/',
      'mailto:a@example.jp',
      'alert(1)',
      ' onmouseover=',
      'テキスト',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, fc.string({ maxLength: 5 })), { maxLength: 30 }), (parts) => {
        const html = renderMarkdown(parts.join(''));
        expect(problemsOf(html)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sanitizeRenderedHtml (the second layer on its own)', () => {
  it.each([
    ['<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="  javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="/admin">x</a>', '<a>x</a>'],
    [
      '<a href="A-:">a</a><a href="mailto:a@example.jp">b</a>',
      '<a>a</a><a href="mailto:a@example.jp" rel="noopener noreferrer">b</a>',
    ],
    [
      '<a href="https://example.jp/" onclick="alert(1)" target="_top">x</a>',
      '<a href="https://example.jp/" rel="noopener noreferrer">x</a>',
    ],
    ['<img src="https://evil.example/x.png" onerror="alert(1)">', ''],
    ['<p style="position:fixed" class="x">y</p>', '<p>y</p>'],
    ['<iframe src="https://evil.example"></iframe><object data="x"></object>', ''],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', 'x'],
    ['<h1>t</h1>', '<h2>t</h2>'],
  ])('cleans %j', (html, expected) => {
    expect(sanitizeRenderedHtml(html)).toBe(expected);
  });
});
