import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { LoginInput, Me, SessionInfo, SessionState } from '@innocity/shared/api/auth';
import { api, onUnauthenticated, setCsrfToken } from '../../api/client.ts';
import { PageLoading } from '../../components/PageLoading.tsx';

interface AuthState {
  user: Me | null;
  checking: boolean;
  login(input: LoginInput): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Holds the signed-in user; asks the server once on load whether a session exists. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);

  const accept = useCallback((info: SessionState | null) => {
    setCsrfToken(info?.csrfToken ?? null);
    setUser(info?.user ?? null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await api<SessionState>('GET', '/api/auth/me'));
    } catch {
      accept(null);
    } finally {
      setChecking(false);
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
    return onUnauthenticated(() => accept(null));
  }, [refresh, accept]);

  const value = useMemo<AuthState>(
    () => ({
      user,
      checking,
      refresh,
      async login(input) {
        const info = await api<SessionInfo>('POST', '/api/auth/login', input);
        accept(info);
        return info.user;
      },
      async logout() {
        await api('POST', '/api/auth/logout').catch(() => undefined);
        accept(null);
      },
    }),
    [user, checking, refresh, accept],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Sends anonymous visitors to the login page, and users with a temporary password to change it, remembering where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, checking } = useAuth();
  const location = useLocation();
  if (checking) return <PageLoading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword)
    return <Navigate to="/change-password" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
