import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { generateClientKey, publicJwkOf } from './keys.ts';

const key = generateClientKey();
const complete = {
  IDENTITY_ISSUER_URL: 'https://idp.example.jp',
  IDENTITY_CLIENT_ID: 'furusato',
  IDENTITY_PRIVATE_JWK: JSON.stringify(key),
};

describe('identity verification settings', () => {
  it('are off without any of the variables', () => {
    expect(loadConfig({}).identity).toBeNull();
  });

  it('are read when all three are set', () => {
    expect(loadConfig(complete).identity).toEqual({
      issuerUrl: 'https://idp.example.jp',
      clientId: 'furusato',
      privateJwk: key,
    });
  });

  it('allow plain http only for a provider on this machine', () => {
    expect(loadConfig({ ...complete, IDENTITY_ISSUER_URL: 'http://127.0.0.1:4000' }).identity?.issuerUrl).toBe(
      'http://127.0.0.1:4000',
    );
    expect(() => loadConfig({ ...complete, IDENTITY_ISSUER_URL: 'http://idp.example.jp' })).toThrow(
      /IDENTITY_ISSUER_URL: https/,
    );
  });

  it.each([
    [{ IDENTITY_ISSUER_URL: complete.IDENTITY_ISSUER_URL }, 'IDENTITY_CLIENT_ID'],
    [{ ...complete, IDENTITY_PRIVATE_JWK: undefined }, 'IDENTITY_PRIVATE_JWK'],
    [{ ...complete, IDENTITY_PRIVATE_JWK: 'not json' }, 'IDENTITY_PRIVATE_JWK'],
    [{ ...complete, IDENTITY_PRIVATE_JWK: JSON.stringify(publicJwkOf(key)) }, 'IDENTITY_PRIVATE_JWK'],
    [{ ...complete, IDENTITY_PRIVATE_JWK: JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }) }, 'IDENTITY_PRIVATE_JWK'],
    [{ ...complete, IDENTITY_ISSUER_URL: 'ftp://idp.example.jp' }, 'IDENTITY_ISSUER_URL'],
  ])('refuse %# naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
