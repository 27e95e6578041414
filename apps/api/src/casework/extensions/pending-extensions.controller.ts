import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PendingExtensionDto } from '@hotline/contracts';
import { Roles } from '../../access/auth/decorators';
import { ExtensionsService } from './extensions.service';

@ApiTags('extensions')
@ApiBearerAuth()
@Controller('extensions')
export class PendingExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Get('pending')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Extension requests waiting for a decision, oldest first, with their ticket (督办), at most 500' })
  pending(): Promise<PendingExtensionDto[]> {
    return this.extensions.pending();
  }
}
