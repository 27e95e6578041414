import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CatalogueMatterDto } from '@hotline/contracts';
import { Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { CreateMatterDto, MatterListQuery, UpdateMatterDto } from './catalogue.dto';
import { DispatchCatalogue } from './dispatch-catalogue.service';

@ApiTags('classification')
@ApiBearerAuth()
@Controller('catalogue/matters')
export class CatalogueController {
  constructor(private readonly catalogue: DispatchCatalogue) {}

  @Get()
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: '派单目录: the matters, by department (filters departmentId, q)' })
  list(@Query() q: MatterListQuery): Promise<CatalogueMatterDto[]> {
    return this.catalogue.list(q);
  }

  @Get(':id')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One matter of the dispatch catalogue' })
  get(@Param('id', IdPipe) id: number): Promise<CatalogueMatterDto> {
    return this.catalogue.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a matter; classification uses it within a second, the next training learns its words' })
  create(@Body() body: CreateMatterDto): Promise<CatalogueMatterDto> {
    return this.catalogue.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Edit or deactivate a matter; a stale version is 409' })
  update(@Param('id', IdPipe) id: number, @Body() body: UpdateMatterDto): Promise<CatalogueMatterDto> {
    return this.catalogue.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Delete a matter' })
  async remove(@Param('id', IdPipe) id: number): Promise<void> {
    await this.catalogue.remove(id);
  }
}
