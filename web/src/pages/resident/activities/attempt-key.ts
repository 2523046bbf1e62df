import { useRef } from 'react';

/**
 * The Idempotency-Key of the person's current attempt: the same while they retry the same request (a lost answer
 * on a phone network is not applied twice), a new one as soon as what they send changes (the server refuses a key
 * reused for another body).
 */
export function useAttemptKey(): { keyFor: (body: unknown) => string; reset: () => void } {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body) {
      const sent = JSON.stringify(body);
      if (attempt.current?.body !== sent) attempt.current = { body: sent, key: crypto.randomUUID() };
      return attempt.current.key;
    },
    reset() {
      attempt.current = null;
    },
  };
}
