import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginResponse, UserDto } from '@hotline/contracts';
import { Repository } from 'typeorm';
import { EnvDto } from '../config/env.dto';
import { UserEntity } from '../users/user.entity';
import { UNMATCHABLE_HASH, verifyPassword } from './password';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly env: EnvDto,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findOne({ where: { username } });
    const ok = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
    if (!user || !ok || !user.active) throw new UnauthorizedException('wrong username or password');
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, role: user.role, dept: user.departmentId },
      { algorithm: 'HS256', expiresIn: this.env.JWT_EXPIRES_IN_SECONDS },
    );
    return { accessToken, user: toUserDto(user) };
  }
}

export function toUserDto(u: UserEntity): UserDto {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId };
}
