import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCodes } from '../../platform/http/openapi';
import { Public } from '../../access/auth/decorators';
import { CtiEventDto } from './cti-event.dto';
import { CtiSignatureGuard, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './cti-signature.guard';
import { CtiService, type CtiResult } from './cti.service';

@ApiTags('telephony')
@Controller('cti')
export class CtiController {
  constructor(private readonly cti: CtiService) {}

  @Public()
  @Post('events')
  @HttpCode(200)
  @UseGuards(CtiSignatureGuard)
  @ApiSecurity('ctiSignature')
  @ErrorCodes('UNAUTHENTICATED', 'CONFLICT')
  @ApiHeader({ name: TIMESTAMP_HEADER, required: true, description: 'Unix seconds when the event was sent' })
  @ApiHeader({ name: SIGNATURE_HEADER, required: true, description: 'hex HMAC-SHA256 of `<timestamp>.<raw body>` with CTI_SECRET' })
  @ApiOperation({
    summary: 'Call events from the telephony system (ringing, answered, hangup)',
    description:
      'ringing pushes call.ringing with the caller\u2019s history to the agent on that extension. Bad or missing signature, or a timestamp outside the window: 401, nothing recorded; the same signed event twice: 409.',
  })
  event(@Body() body: CtiEventDto): Promise<CtiResult> {
    return this.cti.handle(body);
  }
}
