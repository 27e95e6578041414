import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { Open311Keys, type Open311KeyDto } from './open311-keys.service';

export class IssueKeyDto {
  @ApiProperty({ example: 'FixMyStreet 城市版', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  name!: string;
}

@ApiTags('open311')
@ApiBearerAuth()
@Roles('admin')
@Controller('open311/keys')
export class Open311KeysController {
  constructor(private readonly keys: Open311Keys) {}

  @Post()
  @ApiOperation({ summary: 'Issue an API key to a partner app; the key is in this answer only' })
  issue(@Body() body: IssueKeyDto, @CurrentUser() user: AuthUser): Promise<Open311KeyDto & { key: string }> {
    return this.keys.issue(body.name.trim(), user.id);
  }

  @Get()
  @ApiOperation({ summary: 'The keys issued (never the keys themselves)' })
  list(): Promise<Open311KeyDto[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key: its requests are refused from now on' })
  revoke(@Param('id', IdPipe) id: number): Promise<Open311KeyDto> {
    return this.keys.revoke(id);
  }
}
