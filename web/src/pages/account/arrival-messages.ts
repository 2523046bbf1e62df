import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Welcome } from '../sign-in-page.tsx';

const ERROR_CODE = /^[A-Z0-9_]{1,64}$/;

export type Verification = { kind: 'done' } | { kind: 'failed'; code: string | null };

/**
 * What this visit was told, once: the welcome after signing in (location state) and the outcome of identity
 * verification (`?verification=done` or `?verification=failed&code=…`). Taken out of the address afterwards,
 * so that a reload or a bookmark does not repeat them.
 */
export function useArrivalMessages(): { welcome: Welcome | null; verification: Verification | null } {
  const location = useLocation();
  const navigate = useNavigate();
  const [messages] = useState(() => {
    const params = new URLSearchParams(location.search);
    const outcome = params.get('verification');
    const code = params.get('code');
    const verification: Verification | null =
      outcome === 'done'
        ? { kind: 'done' }
        : outcome === 'failed'
          ? { kind: 'failed', code: code && ERROR_CODE.test(code) ? code : null }
          : null;
    const welcome = (location.state as { welcome?: Welcome } | null)?.welcome ?? null;
    return { welcome, verification };
  });
  const hasArrivalData = location.search !== '' || location.state !== null;
  useEffect(() => {
    if (hasArrivalData) void navigate(location.pathname, { replace: true, state: null });
  }, [hasArrivalData, location.pathname, navigate]);
  return messages;
}
