import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { ROLES, type Role } from '@hotline/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CanonicalUsername } from './username.validation';
import { OptionalNullableId, OptionalVersion, RequiredText } from '../../casework/tickets/dto/common';

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.wei', description: 'stored in its canonical form: NFKC, trimmed, lower case' })
  @CanonicalUsername()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'username must be 3-64 letters, digits, _ . or -' })
  username!: string;

  @ApiProperty({ example: '张伟' })
  @RequiredText(64)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'required for handlers (their department), not allowed for other roles' })
  @OptionalNullableId()
  departmentId?: number | null;

  @ApiProperty({ description: '10-128 characters with letters and digits, not containing the username' })
  @IsString()
  @Length(1, 128)
  password!: string;

  @ApiPropertyOptional({ type: String, example: '8002', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^\d{2,16}$/, { message: 'extension must be 2-16 digits' })
  extension?: string | null;
}

/** Name, role, department and extension as on creation, and whether the account is active. */
export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['displayName', 'role', 'departmentId', 'extension'] as const)) {
  @ApiPropertyOptional({ description: 'false signs the user out everywhere (refresh tokens revoked) and refuses sign-in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @OptionalVersion()
  version?: number;
}

export class ResetPasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  currentPassword!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  newPassword!: string;
}
