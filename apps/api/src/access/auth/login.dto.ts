import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CanonicalUsername } from '../users/username.validation';

export class LoginDto {
  @ApiProperty({ example: 'agent', description: 'compared in its canonical form (NFKC, trimmed, lower case)' })
  @IsString()
  @Length(1, 64)
  @CanonicalUsername()
  username!: string;

  @ApiProperty({ example: 'demo12345' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}
