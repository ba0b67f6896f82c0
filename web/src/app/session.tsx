/**
 * The signed-in user: read from GET /auth/session/state on load (null when signed out), set by sign-in, cleared by sign-out or
 * when any request answers 401. The CSRF token lives in the API client's memory only.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, onSessionLost, setCsrfToken } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { Membership, Session } from '../api/types.js';

export type SignedOutReason = 'signedOut' | 'sessionLost' | null;

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'failed'; error: unknown }
  | { status: 'signedIn'; session: Session };

interface SessionApi {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const adopt = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signedIn', session });
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once on mount: `adopt` is stable in behaviour but recreated each render
  useEffect(() => {
    let live = true;
    api
      .sessionState()
      .then(({ session }) => {
        if (!live) return;
        if (session) adopt(session);
        else setState({ status: 'signedOut', reason: null });
      })
      .catch((error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signedOut', reason: null });
        else setState({ status: 'failed', error });
      });
    return () => {
      live = false;
    };
  }, [attempt, adopt]);

  useEffect(() => {
    onSessionLost(() => {
      setCsrfToken(null);
      setState({ status: 'signedOut', reason: 'sessionLost' });
    });
    return () => onSessionLost(null);
  }, []);

  const value = useMemo<SessionApi>(
    () => ({
      state,
      signIn: async (email, password) => adopt(await api.login(email, password)),
      signOut: async () => {
        try {
          await api.logout();
        } catch (error) {
          // Already gone is as good as signed out.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        setCsrfToken(null);
        setState({ status: 'signedOut', reason: 'signedOut' });
      },
      retry: () => {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
    }),
    [state, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The company the screen works in, and what the user may do there. */
export interface CompanyContextValue {
  companyId: string;
  membership: Membership;
  /** Accountants and admins write; viewers only read. */
  canWrite: boolean;
}

const CompanyContext = createContext<CompanyContextValue | null>(null);
export const CompanyProvider = CompanyContext.Provider;

export function useCompany(): CompanyContextValue {
  const value = useContext(CompanyContext);
  if (!value) throw new Error('useCompany outside a company screen');
  return value;
}
