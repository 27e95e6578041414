import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { KbArticleDto, KbSearchResultDto, Page } from '@hotline/contracts';
import type { AuthUser } from '../../access/auth/auth-user';
import { CurrentUser, Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { CreateArticleDto, ListArticlesQuery, SearchArticlesQuery, UpdateArticleDto } from './kb.dto';
import { KnowledgeBase } from './kb.service';

@ApiTags('knowledge base')
@ApiBearerAuth()
@Controller('kb/articles')
export class KbController {
  constructor(private readonly kb: KnowledgeBase) {}

  @Get('search')
  @Roles('agent', 'supervisor', 'admin', 'handler')
  @ApiOperation({ summary: '知识库检索: Chinese word matching; title hits above body hits, then recent and most-used first; valid articles only' })
  search(@Query() q: SearchArticlesQuery): Promise<KbSearchResultDto> {
    return this.kb.search(q);
  }

  @Get()
  @ApiOperation({ summary: 'The articles, newest first, a page at a time' })
  @Roles('agent', 'supervisor', 'admin', 'handler')
  list(@Query() q: ListArticlesQuery): Promise<Page<KbArticleDto>> {
    return this.kb.list(q.page ?? 1, q.pageSize ?? 20);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One article' })
  @Roles('agent', 'supervisor', 'admin', 'handler')
  get(@Param('id', IdPipe) id: number): Promise<KbArticleDto> {
    return this.kb.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Add an article (title, body, tags, department, validity dates)' })
  @Roles('admin')
  create(@Body() body: CreateArticleDto, @CurrentUser() user: AuthUser): Promise<KbArticleDto> {
    return this.kb.create(body, user);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Edit an article; a stale version is 409' })
  update(@Param('id', IdPipe) id: number, @Body() body: UpdateArticleDto): Promise<KbArticleDto> {
    return this.kb.update(id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an article' })
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param('id', IdPipe) id: number): Promise<void> {
    await this.kb.remove(id);
  }
}
