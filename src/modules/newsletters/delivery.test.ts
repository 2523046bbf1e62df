import { describe, expect, it } from 'vitest';
import { composeEmail, pushExcerpt, unsubscribeLinks } from './delivery.ts';
import { verifyUnsubscribeToken } from './rules.ts';

const secret = 's'.repeat(43);
const personId = '0b6c4d1e-8f7a-4c3b-9a2d-1e5f6a7b8c9d';

describe('a newsletter e-mail', () => {
  const links = unsubscribeLinks('https://furusato.example.jp', secret, '042056', personId);
  const mail = composeEmail(
    {
      subject: '港まつり',
      body: '**10月12日**です',
      bodyHtml: '<p><strong>10月12日</strong>です</p>',
      municipalityName: '気仙沼市',
    },
    'resident@example.jp',
    links,
  );

  it('carries RFC 8058 one-click unsubscribe headers pointing at a token for this person and municipality', () => {
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const oneClick = new URL(/^<(.+)>$/.exec(mail.headers['List-Unsubscribe'])?.[1] ?? '');
    expect(oneClick.origin + oneClick.pathname).toBe('https://furusato.example.jp/api/v1/unsubscribe');
    expect(verifyUnsubscribeToken(secret, oneClick.searchParams.get('token') ?? '')).toEqual({
      municipalityCode: '042056',
      personId,
    });
  });

  it('names the municipality and links the confirmation page in both parts', () => {
    expect(mail.subject).toBe('【気仙沼市】港まつり');
    expect(mail.text).toContain(links.page);
    expect(mail.html).toContain(`href="${links.page}"`);
    expect(mail.html).toContain('<strong>10月12日</strong>');
  });

  it('shortens the body to plain text for a push notification', () => {
    expect(pushExcerpt('## 見出し\n\n**太字** と [リンク](https://example.jp)')).toBe(
      '見出し 太字 と リンク https://example.jp',
    );
    expect(pushExcerpt('あ'.repeat(200))).toHaveLength(120);
  });
});
