import type { CDPSession, Page } from 'playwright-core';

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  /** The passkeys this authenticator holds now (WebAuthn.getCredentials, the fields used here). */
  credentials(): Promise<{ credentialId: string; isResidentCredential: boolean; userName?: string }[]>;
}

/**
 * Gives `page` Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): a platform
 * authenticator with resident keys and user verification that answers every prompt at once, as a person
 * touching the fingerprint sensor would. It stays with the page across navigations (not other tabs).
 * `synced`: its passkeys are backed up, like those of a password manager that syncs.
 */
export async function addVirtualAuthenticator(
  page: Page,
  options: { synced?: boolean } = {},
): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      defaultBackupEligibility: options.synced ?? false,
      defaultBackupState: options.synced ?? false,
    },
  });
  return {
    cdp,
    authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}
