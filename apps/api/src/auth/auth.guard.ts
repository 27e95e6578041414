import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@hotline/contracts';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES_KEY } from './decorators';

interface TokenClaims {
  sub: number;
  username: string;
  role: Role;
  dept: number | null;
}

/** Global guard: every route needs a valid bearer token unless marked @Public(), and the role its @Roles() names. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: unknown = req.headers?.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
      throw new UnauthorizedException('missing access token: send Authorization: Bearer <token>');
    }
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(header.slice(7).trim(), { algorithms: ['HS256'] });
    } catch (e) {
      throw new UnauthorizedException((e as Error).name === 'TokenExpiredError' ? 'access token expired' : 'invalid access token');
    }
    if (!Number.isInteger(claims.sub) || !ROLES.includes(claims.role)) throw new UnauthorizedException('invalid access token');
    const user: AuthUser = { id: claims.sub, username: claims.username, role: claims.role, departmentId: claims.dept ?? null };
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenException(`role ${user.role} may not do this; allowed: ${roles.join(', ')}`);
    }
    return true;
  }
}
