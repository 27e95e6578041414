import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BulletinDto, BulletinHeaderDto } from '@hotline/contracts';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { IdPipe } from '../../platform/http/id.pipe';
import { toXlsx } from '../reports/report-files';
import { bulletinHtml, bulletinTables } from './bulletin-files';
import { BulletinFormatQuery, IssueBulletinDto } from './bulletins.dto';
import { BulletinsService } from './bulletins.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(
    private readonly bulletins: BulletinsService,
    private readonly departments: DepartmentsService,
  ) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({ summary: '通报: issues the bulletin of a period (one per period), numbered per year; it never changes afterwards' })
  issue(@Body() dto: IssueBulletinDto, @CurrentUser() user: AuthUser): Promise<BulletinHeaderDto> {
    return this.bulletins.issue(dto.period, dto.date, user);
  }

  @Get()
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: 'Issued bulletins, newest first' })
  list(): Promise<BulletinHeaderDto[]> {
    return this.bulletins.list();
  }

  @Get(':id')
  @Roles('supervisor', 'admin', 'leader')
  @ApiOperation({ summary: 'A bulletin as issued: json, xlsx or a printable A4 page (html)' })
  async get(@Param('id', IdPipe) id: number, @Query() q: BulletinFormatQuery, @Res({ passthrough: true }) res: FastifyReply): Promise<BulletinDto | Buffer | string> {
    const b = await this.bulletins.get(id);
    const name = (d: number | null) => (d === null ? '未派单' : (this.departments.all().find((x) => x.id === d)?.name ?? `部门${d}`));
    if (q.format === 'xlsx') {
      res.header('content-type', XLSX);
      res.header('content-disposition', `attachment; filename="bulletin-${id}.xlsx"`);
      return toXlsx(bulletinTables(b, name));
    }
    if (q.format === 'html') {
      res.header('content-type', 'text/html; charset=utf-8');
      return bulletinHtml(b, name);
    }
    return b;
  }
}
