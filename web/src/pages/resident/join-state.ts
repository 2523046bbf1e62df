const KEY = 'furusato.join';

export type JoinStep = 1 | 2 | 3;

/** The choices of one registration attempt, kept in this tab across a reload (sessionStorage). */
export interface JoinState {
  code: string | null;
  step: JoinStep;
  relationTypes: number[];
  shared: string[];
  news: boolean;
  /** One per attempt: a retry after a lost answer is recognised by the API and not registered twice. */
  idempotencyKey: string;
}

export function freshJoinState(code: string | null): JoinState {
  return { code, step: 1, relationTypes: [], shared: [], news: true, idempotencyKey: crypto.randomUUID() };
}

/** The saved attempt when it is for the same municipality (or none was named in the address). */
export function restoreJoinState(code: string | null): JoinState {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as JoinState | null;
    if (
      saved &&
      typeof saved.idempotencyKey === 'string' &&
      [1, 2, 3].includes(saved.step) &&
      Array.isArray(saved.relationTypes) &&
      Array.isArray(saved.shared) &&
      (code === null || saved.code === code)
    ) {
      return saved;
    }
  } catch {
    // Unreadable or blocked storage: start again.
  }
  return freshJoinState(code);
}

export function saveJoinState(state: JoinState | null): void {
  try {
    if (state) sessionStorage.setItem(KEY, JSON.stringify(state));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Not kept across a reload; the flow still works.
  }
}
