import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCodes } from '../../platform/http/openapi';
import type { LoginResponse } from '@hotline/contracts';
import { AuthService } from './auth.service';
import { Public } from './decorators';
import { LoginDto, RefreshDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @ErrorCodes('LOGIN_FAILED', 'RATE_LIMITED', 'ACCOUNT_LOCKED')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a short-lived access token, a refresh token and the user. Throttled per address; an account locks after repeated failures (429).' })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password, ip);
  }

  @Public()
  @Post('refresh')
  @ErrorCodes('UNAUTHENTICATED', 'SESSION_ENDED')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token and the next refresh token (each refresh token works once; a reused one revokes its sign-in)' })
  refresh(@Body() body: RefreshDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken, ip);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh token (and the tokens refreshed from it)' })
  async logout(@Body() body: RefreshDto, @Ip() ip: string): Promise<void> {
    await this.auth.logout(body.refreshToken, ip);
  }
}
