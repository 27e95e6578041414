import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@hotline/contracts';
import type { AuthUser } from './auth-user';
import { Sessions } from './sessions.service';

interface TokenClaims {
  sub: number;
  username: string;
  role: Role;
  dept: number | null;
  exp: number;
  /** The user's session generation when the token was made (absent: 0). */
  gen?: number;
  /** The sign-in (refresh-token family). */
  sid?: string;
}

/** Checks access tokens the same way for HTTP requests and socket handshakes. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: Sessions,
  ) {}

  /** The user a token speaks for and when it expires; UnauthorizedException naming what is wrong otherwise. */
  async verify(token: string): Promise<{ user: AuthUser; expiresAt: Date }> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch (e) {
      throw new UnauthorizedException((e as Error).name === 'TokenExpiredError' ? 'access token expired' : 'invalid access token');
    }
    if (!Number.isInteger(claims.sub) || !ROLES.includes(claims.role)) throw new UnauthorizedException('invalid access token');
    const generation = claims.gen ?? 0;
    const sessionId = typeof claims.sid === 'string' ? claims.sid : null;
    if (!Number.isInteger(generation)) throw new UnauthorizedException('invalid access token');
    // a signature proves who made the token, not that its session still stands (deactivated, signed out, ...)
    await this.sessions.assertCurrent({ userId: claims.sub, generation, sessionId });
    return {
      user: { id: claims.sub, username: claims.username, role: claims.role, departmentId: claims.dept ?? null, ...(sessionId ? { sessionId } : {}) },
      expiresAt: new Date(claims.exp * 1000),
    };
  }
}
