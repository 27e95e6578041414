import { Body, Controller, Get, HttpCode, Ip, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AdminUserDto, StaffDto } from '@hotline/contracts';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { ChangePasswordDto, CreateUserDto, ResetPasswordDto, UpdateUserDto } from './users.dto';
import { UsersService, toAdminUserDto } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @ApiOperation({ summary: 'The accounts (without system users), with role, department and whether active' })
  @Roles('admin')
  list(): Promise<AdminUserDto[]> {
    return this.users.list();
  }

  @Get('users/directory')
  @ApiOperation({ summary: 'The centre\u2019s agents, supervisors and leaders by name (to name a tracker or a leader, and to read who wrote what)' })
  @Roles('agent', 'handler', 'supervisor', 'admin', 'leader')
  directory(): Promise<StaffDto[]> {
    return this.users.directory();
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'One account' })
  @Roles('admin')
  async get(@Param('id', IdPipe) id: number): Promise<AdminUserDto> {
    return toAdminUserDto(await this.users.get(id));
  }

  @Post('users')
  @Roles('admin')
  @ApiOperation({ summary: 'Create an account (password policy: 10-128 characters, letters and digits, not the username)' })
  create(@Body() body: CreateUserDto, @CurrentUser() admin: AuthUser): Promise<AdminUserDto> {
    return this.users.create(body, admin);
  }

  @Patch('users/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change name, role, department, extension or active; deactivating signs the user out everywhere' })
  update(@Param('id', IdPipe) id: number, @Body() body: UpdateUserDto, @CurrentUser() admin: AuthUser): Promise<AdminUserDto> {
    return this.users.update(id, body, admin);
  }

  @Post('users/:id/password')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Set a new password (lifts a lockout, ends the user\u2019s sessions)' })
  async reset(@Param('id', IdPipe) id: number, @Body() body: ResetPasswordDto, @CurrentUser() admin: AuthUser): Promise<void> {
    await this.users.resetPassword(id, body.password, admin);
  }

  @Post('auth/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change one\u2019s own password (wrong current passwords count and lock like failed sign-ins: 429)' })
  async changeOwn(@Body() body: ChangePasswordDto, @CurrentUser() user: AuthUser, @Ip() ip: string): Promise<void> {
    await this.users.changeOwnPassword(user, body.currentPassword, body.newPassword, ip);
  }
}
