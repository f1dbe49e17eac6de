import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from '../../api-client/client.js';
import type { Session } from '../../api-client/types.js';

interface SessionState {
  session: Session | null;
  loading: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  can(ability: string): boolean;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);

  const adopt = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrf_token ?? null);
    setSession(s);
  }, []);

  useEffect(() => {
    let alive = true;
    api
      .get<Session>('/api/v1/me')
      .then((s) => alive && adopt(s))
      .catch((err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) console.warn('session check failed', err);
        if (alive) adopt(null);
      })
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [adopt]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      adopt(null);
      qc.clear();
    });
    return () => setUnauthenticatedHandler(null);
  }, [adopt, qc]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      loading,
      async login(email, password) {
        const s = await api.post<Session>('/api/v1/auth/login', { email, password });
        qc.clear();
        adopt(s);
      },
      async logout() {
        try {
          await api.post('/api/v1/auth/logout');
        } finally {
          adopt(null);
          qc.clear();
        }
      },
      can: (ability) => !!session?.abilities.includes(ability),
    }),
    [session, loading, adopt, qc],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user (only use below the login gate). */
export function useMe(): Session['user'] {
  const s = useSession().session;
  if (!s) throw new Error('not signed in');
  return s.user;
}
