import { Module } from '@nestjs/common';
import { TicketSearchRepository } from './ticket-search.repository';

/** Lists and search at scale: lookups by index, the search table's words, cursors (docs/api.md). */
@Module({ providers: [TicketSearchRepository], exports: [TicketSearchRepository] })
export class SearchModule {}
