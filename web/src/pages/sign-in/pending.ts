const CODE_LIFETIME_MS = 15 * 60 * 1000;
const PENDING_KEY = 'furusato.signIn.pending';

/** The code step: where the code was sent, and when. */
export interface Pending {
  email: string;
  sentAt: number;
}

// The code step survives a reload of this tab (a phone browser may drop the page while the person reads
// the e-mail in another app): kept in sessionStorage, which is per tab, until it is used or expires.
export function restorePending(): Pending | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
    if (saved && typeof saved.email === 'string' && Date.now() - saved.sentAt < CODE_LIFETIME_MS) return saved;
  } catch {
    // Unreadable or blocked storage: start from the e-mail step.
  }
  return null;
}

export function savePending(pending: Pending | null): void {
  try {
    if (pending) sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    else sessionStorage.removeItem(PENDING_KEY);
  } catch {
    // Not kept across a reload; the flow still works.
  }
}
