import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EventsController } from './events.controller';
import { LiveEvents } from './live-events.service';
import { LiveGateway } from './live.gateway';
import { LiveRelay } from './live-relay.service';

/**
 * Live events: every process publishes (LiveEvents); processes that serve HTTP also hold the sockets (LiveGateway).
 */
@Global()
@Module({})
export class RealtimeModule {
  static forRoot(servesHttp: boolean): DynamicModule {
    return {
      module: RealtimeModule,
      controllers: servesHttp ? [EventsController] : [],
      providers: [LiveEvents, LiveRelay, ...(servesHttp ? [LiveGateway] : [])],
      exports: [LiveEvents, ...(servesHttp ? [LiveGateway] : [])],
    };
  }
}
