import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@hotline/contracts';
import { AccessTokens } from './access-tokens.service';
import { AuthEvents } from './auth-events.service';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { ApiError } from '../../platform/http/api-error';

/** Global guard: every route needs a valid bearer token unless marked @Public(), and the role its @Roles() names. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly reflector: Reflector,
    private readonly events: AuthEvents,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: unknown = req.headers?.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
      throw new ApiError(401, 'UNAUTHENTICATED', { reason: 'missing access token: send Authorization: Bearer <token>' });
    }
    const { user } = await this.tokens.verify(header.slice(7).trim());
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      // permission failures go to the security log (the route pattern, not ids)
      await this.events.record('forbidden', { username: user.username, userId: user.id, ip: req.ip, detail: `${req.method} ${req.routeOptions?.url ?? req.url}` });
      throw new ApiError(403, 'FORBIDDEN_ROLE', { role: user.role, roles: [...roles], reason: `role ${user.role} may not do this; allowed: ${roles.join(', ')}` });
    }
    return true;
  }
}
