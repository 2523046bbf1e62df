import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Staff write Markdown; residents' browsers get HTML from us. Two independent layers keep script out:
// markdown-it never passes raw HTML through (html: false) and refuses javascript:/data: links, then an
// allow-list sanitiser drops anything not listed here, in case a future parser option or plugin lets
// something slip. Rendering happens once, when the text is saved; a change to these rules therefore
// needs a re-render of stored posts and profiles (a migration), which is cheap at municipal volumes.

const markdown = new MarkdownIt({
  html: false,
  linkify: true,
  // Municipal staff write line by line, as in an e-mail; a single newline should stay a line break.
  breaks: true,
  typographer: false,
});

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** The only images Markdown may embed: our own uploads (the CSP allows no other origin anyway). */
const OWN_IMAGE = /^\/api\/v1\/images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/thumbnail)?$/;

function isAllowedHref(href: string | undefined): href is string {
  if (!href) return false;
  try {
    return LINK_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    // Relative links would point into our own app under the municipality's name: not offered.
    return false;
  }
}

// First layer: markdown-it makes no link or image of anything else (it stays visible as text).
markdown.validateLink = (url) => isAllowedHref(url) || OWN_IMAGE.test(url);

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'loading'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page's one <h1> is the post title or the municipality's name.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    // A link without an allowed href loses the href and is inert text. (Renaming it to a tag that is
    // then discarded leaves unbalanced closing tags in sanitize-html 2.18, so it stays an <a>.)
    a: (_tag, attribs): sanitizeHtml.Tag =>
      isAllowedHref(attribs.href)
        ? { tagName: 'a', attribs: { href: attribs.href, rel: 'noopener noreferrer' } }
        : { tagName: 'a', attribs: {} },
    img: (_tag, attribs) => ({
      tagName: 'img',
      attribs: { src: attribs.src ?? '', alt: attribs.alt ?? '', loading: 'lazy' },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE.test(frame.attribs.src ?? ''),
};

/** The second layer on its own (exported so that tests can feed it HTML the parser would never emit). */
export function sanitizeRenderedHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions).trim();
}

/** Markdown (or plain text) to HTML that is safe to insert into a page as is. */
export function renderMarkdown(source: string): string {
  return sanitizeRenderedHtml(markdown.render(source));
}
