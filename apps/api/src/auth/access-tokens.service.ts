import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@hotline/contracts';
import type { AuthUser } from './auth-user';

interface TokenClaims {
  sub: number;
  username: string;
  role: Role;
  dept: number | null;
  exp: number;
}

/** Checks access tokens the same way for HTTP requests and socket handshakes. */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  /** The user a token speaks for and when it expires; UnauthorizedException naming what is wrong otherwise. */
  async verify(token: string): Promise<{ user: AuthUser; expiresAt: Date }> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch (e) {
      throw new UnauthorizedException((e as Error).name === 'TokenExpiredError' ? 'access token expired' : 'invalid access token');
    }
    if (!Number.isInteger(claims.sub) || !ROLES.includes(claims.role)) throw new UnauthorizedException('invalid access token');
    return {
      user: { id: claims.sub, username: claims.username, role: claims.role, departmentId: claims.dept ?? null },
      expiresAt: new Date(claims.exp * 1000),
    };
  }
}
