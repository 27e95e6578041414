import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches } from 'class-validator';

export const CALL_EVENTS = ['ringing', 'answered', 'hangup'] as const;
export type CallEventKind = (typeof CALL_EVENTS)[number];

/** One call event as the telephony system (FreeSWITCH, Asterisk, a hosted call centre) reports it. */
export class CtiEventDto {
  @ApiProperty({ enum: CALL_EVENTS })
  @IsIn(CALL_EVENTS)
  event!: CallEventKind;

  @ApiProperty({ example: 'fs-5f2c1a7e-0001', description: "The telephony system's call id" })
  @Matches(/^[A-Za-z0-9._:@-]{1,64}$/, { message: 'callId must be 1-64 letters, digits, . _ : @ or -' })
  callId!: string;

  @ApiProperty({ example: '13812345678', description: "The caller's number as presented (digits, optional leading +)" })
  @Matches(/^\+?[0-9-]{3,32}$/, { message: 'caller must be a phone number (digits, optional + and -), 3-32 characters' })
  caller!: string;

  @ApiProperty({ example: '8001', description: 'The extension the call rings on / was answered on' })
  @Matches(/^[0-9]{2,16}$/, { message: 'extension must be 2-16 digits' })
  extension!: string;

  @ApiProperty({ example: '2026-11-22T02:30:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time' })
  at!: string;
}
