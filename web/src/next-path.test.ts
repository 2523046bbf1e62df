import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path.ts';

const origin = 'https://furusato.example.jp';

describe('safeNextPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeNextPath('/account', origin)).toBe('/account');
    expect(safeNextPath('/municipalities?q=%E6%B0%97&page=2#top', origin)).toBe(
      '/municipalities?q=%E6%B0%97&page=2#top',
    );
    expect(safeNextPath('/a/../account', origin)).toBe('/account');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of [
      null,
      undefined,
      '',
      'account',
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example/path',
      '/\\/evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/\tjavascript:alert(1)',
      '/\n/evil.example',
      ' /account',
    ]) {
      expect(safeNextPath(next, origin), String(next)).toBeNull();
    }
  });

  it('does not send the person back to the sign-in pages', () => {
    expect(safeNextPath('/sign-in', origin)).toBeNull();
    expect(safeNextPath('/sign-in/email?token=x', origin)).toBeNull();
    expect(safeNextPath('/sign-inside', origin)).toBe('/sign-inside');
  });
});

describe('signInPath', () => {
  it('names the page to come back to, readable and safe to parse', () => {
    expect(signInPath('/account')).toBe('/sign-in?next=/account');
    expect(signInPath('/account?verification=failed&code=X')).toBe(
      '/sign-in?next=/account%3Fverification%3Dfailed%26code%3DX',
    );
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('/sign-in?next=/account')).toBe('/sign-in');
  });

  it('round-trips through URLSearchParams and safeNextPath', () => {
    for (const path of ['/account', '/account?verification=done', '/municipalities?q=け&page=2']) {
      const next = new URL(signInPath(path), origin).searchParams.get('next');
      expect(safeNextPath(next, origin)).toBe(new URL(path, origin).pathname + new URL(path, origin).search);
    }
  });
});
