import type { LoginResponse, UserDto } from '@hotline/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setRefresher, setToken } from '../api/client';

const KEY = 'hotline.session';

interface Session {
  token: string;
  /** Single use: exchanged for the next access token before this one expires. */
  refreshToken?: string;
  user: UserDto;
}

const expiryOf = (token: string): number | undefined => {
  try {
    return (JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number }).exp;
  } catch {
    return undefined;
  }
};

const toSession = (res: LoginResponse): Session => ({ token: res.accessToken, refreshToken: res.refreshToken, user: res.user });

interface SessionApi {
  session: Session | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => void;
}

const Ctx = createContext<SessionApi | null>(null);

function stored(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    // a token past its expiry is a session only while it can be refreshed
    const exp = s ? expiryOf(s.token) : undefined;
    return s && ((exp && exp * 1000 > Date.now()) || s.refreshToken) ? s : null;
  } catch {
    return null;
  }
}

/** The signed-in user, kept in localStorage so that a reload keeps the session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => {
    const s = stored();
    setToken(s?.token ?? null);
    return s;
  });
  const logout = useCallback(() => {
    const current = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    if (current?.refreshToken) void api('/auth/logout', { method: 'POST', body: { refreshToken: current.refreshToken } }).catch(() => undefined);
    localStorage.removeItem(KEY);
    setToken(null);
    setRefresher(null);
    setSession(null);
    queries.clear();
  }, [queries]);
  setToken(session?.token ?? null, logout);
  const adopt = useCallback(
    (s: Session) => {
      localStorage.setItem(KEY, JSON.stringify(s));
      setToken(s.token, logout);
      setSession(s);
    },
    [logout],
  );
  /** The next access token (and refresh token); null when the sign-in has ended. */
  const refresh = useCallback(async (): Promise<string | null> => {
    const current = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    if (!current?.refreshToken) return null;
    try {
      const s = toSession(await api<LoginResponse>('/auth/refresh', { method: 'POST', body: { refreshToken: current.refreshToken } }));
      adopt(s);
      return s.token;
    } catch {
      logout();
      return null;
    }
  }, [adopt, logout]);
  useEffect(() => {
    setRefresher(session ? refresh : null);
    if (!session?.refreshToken) return undefined;
    // renew a minute before the access token ends (the live connection reconnects with the new one)
    const exp = expiryOf(session.token);
    const wait = exp ? Math.max(exp * 1000 - Date.now() - 60_000, 1000) : 1000;
    const timer = setTimeout(() => void refresh(), Math.min(wait, 2_147_483_647));
    return () => clearTimeout(timer);
  }, [session, refresh]);
  const login = useCallback(
    async (username: string, password: string) => {
      adopt(toSession(await api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password } })));
    },
    [adopt],
  );
  const value = useMemo(() => ({ session, login, logout }), [session, login, logout]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user (only under a route that requires one). */
export function useUser(): UserDto {
  const { session } = useSession();
  if (!session) throw new Error('no signed-in user');
  return session.user;
}
