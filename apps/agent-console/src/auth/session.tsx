import type { LoginResponse, UserDto } from '@hotline/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, setToken } from '../api/client';

const KEY = 'hotline.session';

interface Session {
  token: string;
  user: UserDto;
}

interface SessionApi {
  session: Session | null;
  login(username: string, password: string): Promise<void>;
  logout(): void;
}

const Ctx = createContext<SessionApi | null>(null);

function stored(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    // a token past its expiry is not a session
    const exp = s ? (JSON.parse(atob(s.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number }).exp : undefined;
    return s && exp && exp * 1000 > Date.now() ? s : null;
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
    localStorage.removeItem(KEY);
    setToken(null);
    setSession(null);
    queries.clear();
  }, [queries]);
  setToken(session?.token ?? null, logout);
  const login = useCallback(async (username: string, password: string) => {
    const res = await api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password } });
    const s = { token: res.accessToken, user: res.user };
    localStorage.setItem(KEY, JSON.stringify(s));
    setToken(s.token, logout);
    setSession(s);
  }, [logout]);
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
