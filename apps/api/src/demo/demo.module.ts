import { Module } from '@nestjs/common';
import { TicketsModule } from '../casework/tickets/tickets.module';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [TicketsModule], providers: [DemoSeeder] })
export class DemoModule {}
