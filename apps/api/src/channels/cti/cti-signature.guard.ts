import { CanActivate, ConflictException, ExecutionContext, Inject, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import Redis from 'ioredis';
import { EnvDto } from '../../platform/config/env.dto';
import { REDIS } from '../../platform/redis/redis.module';

export const SIGNATURE_HEADER = 'x-cti-signature';
export const TIMESTAMP_HEADER = 'x-cti-timestamp';

/** The signature a sender computes: hex HMAC-SHA256 of `<unix seconds>.<raw body>` with the shared secret. */
export function ctiSignature(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * Accepts a call event only when it is signed with the shared secret over its exact bytes, its timestamp is within
 * the window, and the same signed event has not been seen before (a replay within the window): so a forged or
 * replayed event records nothing. Runs before the body is validated.
 */
@Injectable()
export class CtiSignatureGuard implements CanActivate {
  constructor(
    private readonly env: EnvDto,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (!this.env.CTI_SECRET) throw new ServiceUnavailableException('telephony is not configured on this service (CTI_SECRET)');
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; rawBody?: Buffer }>();
    const timestamp = req.headers[TIMESTAMP_HEADER];
    const signature = req.headers[SIGNATURE_HEADER];
    if (!timestamp || !/^\d{1,12}$/.test(timestamp)) throw new UnauthorizedException(`missing or bad ${TIMESTAMP_HEADER} (unix seconds)`);
    if (!signature || !/^[0-9a-f]{64}$/.test(signature)) throw new UnauthorizedException(`missing or bad ${SIGNATURE_HEADER} (hex HMAC-SHA256)`);
    const skew = Math.abs(Date.now() / 1000 - Number(timestamp));
    if (skew > this.env.CTI_WINDOW_SECONDS) throw new UnauthorizedException(`${TIMESTAMP_HEADER} is outside the ${this.env.CTI_WINDOW_SECONDS} s window`);
    const expected = Buffer.from(ctiSignature(this.env.CTI_SECRET, timestamp, req.rawBody ?? Buffer.alloc(0)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw new UnauthorizedException('bad signature');
    const fresh = await this.redis.set(`${this.env.QUEUE_PREFIX}:cti:seen:${signature}`, '1', 'EX', this.env.CTI_WINDOW_SECONDS * 2, 'NX');
    if (!fresh) throw new ConflictException('this signed event was already received (replay)');
    return true;
  }
}
