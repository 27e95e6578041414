import { Global, Module } from '@nestjs/common';
import { ReadReplica } from './read-replica';

@Global()
@Module({ providers: [ReadReplica], exports: [ReadReplica] })
export class DatabaseModule {}
