import { Module } from '@nestjs/common';
import { EnvDto } from '../../platform/config/env.dto';
import { OpenSearchEngine } from './opensearch-engine';
import { SEARCH_ENGINE } from './search-engine';
import { SearchFeed } from './search-feed';
import { TicketSearchRepository } from './ticket-search.repository';

/** Lists and search at scale: lookups by index, the search table's words or a search engine's, cursors (docs/api.md). */
@Module({
  providers: [
    {
      provide: SEARCH_ENGINE,
      inject: [EnvDto],
      useFactory: (env: EnvDto) =>
        env.SEARCH_ENGINE === 'opensearch' ? new OpenSearchEngine({ url: env.SEARCH_ENGINE_URL, index: env.SEARCH_ENGINE_INDEX, analyzer: env.SEARCH_ENGINE_ANALYZER }) : null,
    },
    TicketSearchRepository,
    SearchFeed,
  ],
  exports: [TicketSearchRepository, SearchFeed],
})
export class SearchModule {}
