import { Global, Module } from '@nestjs/common';
import { EnvDto } from './env.dto';

/** Makes the validated settings injectable as EnvDto. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: EnvDto) {
    return { module: ConfigModule, providers: [{ provide: EnvDto, useValue: env }], exports: [EnvDto] };
  }
}
