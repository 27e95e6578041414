import 'reflect-metadata';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  UnauthorizedException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { errorMessage } from '@hotline/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CallbackDto, DispatchDto, ReturnDto } from '../../casework/tickets/dto/action.dto';
import { ListTicketsDto } from '../../casework/tickets/dto/list-tickets.dto';
import { ApiError, ticketStatusConflict } from './api-error';
import { classifyException, classifyFastify, classifyHttpException } from './error-response';
import { validationFailed } from './validation.pipe';

/** What the StrictValidationPipe reports for a body of a DTO. */
function validation(cls: new () => object, body: object): ApiError {
  const errors = validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true, validationError: { target: false, value: true } });
  return validationFailed(errors);
}

describe('validation errors: a code per field and constraint, the field by its Chinese label', () => {
  it('a missing reason is FIELD_REQUIRED, not "reason must be a string"', () => {
    const e = validation(ReturnDto, {});
    expect(e.code).toBe('FIELD_REQUIRED');
    expect(e.details.fields).toEqual([expect.objectContaining({ field: 'reason', label: '原因', code: 'FIELD_REQUIRED', constraint: 'isString' })]);
    expect(errorMessage(e.code, e.details)).toEqual(['请填写原因']);
    expect(errorMessage(e.code, e.details, 'en')).toEqual(['reason must be a string']);
  });

  it('a number where text belongs is FIELD_TYPE', () => {
    const e = validation(ReturnDto, { reason: 5 });
    expect(e.code).toBe('FIELD_TYPE');
    expect(errorMessage(e.code, e.details)).toEqual(['原因的类型不正确']);
  });

  it('too long carries the limit', () => {
    const e = validation(ReturnDto, { reason: 'x'.repeat(1001) });
    expect(e.details.fields?.[0]).toMatchObject({ code: 'FIELD_TOO_LONG', limit: 1000 });
    expect(errorMessage(e.code, e.details)).toEqual(['原因不能超过 1000 个字']);
  });

  it('min and max carry their limits', () => {
    expect(validation(DispatchDto, { departmentId: 0 }).details.fields?.[0]).toMatchObject({ field: 'departmentId', label: '承办部门', code: 'FIELD_TOO_SMALL', limit: 1 });
    const big = validation(ListTicketsDto, { pageSize: 1000 });
    expect(big.details.fields?.[0]).toMatchObject({ field: 'pageSize', code: 'FIELD_TOO_LARGE', limit: 100 });
    expect(errorMessage(big.code, big.details)).toEqual(['每页条数不能大于 100']);
  });

  it('a value outside the enum lists the allowed ones', () => {
    const e = validation(CallbackDto, { satisfaction: 'happy' });
    expect(e.details.fields?.[0]).toMatchObject({ code: 'FIELD_NOT_ALLOWED_VALUE', allowed: ['satisfied', 'basically_satisfied', 'unsatisfied'] });
    expect(errorMessage(e.code, e.details)).toEqual(['满意度的取值不在允许范围内']);
  });

  it('an unknown field is FIELD_UNKNOWN naming it; every field is reported', () => {
    const e = validation(DispatchDto, { departmentId: 'x', colour: 'red' });
    expect(e.details.fields?.map((f) => f.code).sort()).toEqual(['FIELD_TYPE', 'FIELD_UNKNOWN']);
    expect(errorMessage(e.code, e.details)).toContain('不接受字段“colour”');
  });
});

describe('the fallback: exceptions raised without a code get the generic code of their status', () => {
  const cases: [HttpException, string, object?][] = [
    [new BadRequestException('something about the body'), 'FIELD_INVALID'],
    [new BadRequestException('phone must be a Chinese mobile or landline number'), 'FIELD_INVALID', { field: 'phone' }],
    [new BadRequestException('departmentId 99 is not a department'), 'REFERENCE_NOT_FOUND', { field: 'departmentId', value: '99' }],
    [new BadRequestException('departmentId is required for a handler'), 'FIELD_REQUIRED', { field: 'departmentId' }],
    [new UnauthorizedException('access token expired'), 'TOKEN_EXPIRED'],
    [new UnauthorizedException('session ended (signed out or revoked): sign in again'), 'SESSION_ENDED'],
    [new UnauthorizedException('wrong username or password'), 'LOGIN_FAILED'],
    [new UnauthorizedException('bad signature'), 'UNAUTHENTICATED'],
    [new ForbiddenException('role handler may not do this; allowed: agent, supervisor'), 'FORBIDDEN_ROLE', { role: 'handler', roles: ['agent', 'supervisor'] }],
    [new ForbiddenException(), 'FORBIDDEN_ROLE'],
    [new NotFoundException('rule 5 not found'), 'NOT_FOUND'],
    [new NotFoundException('Cannot GET /api/v1/nothing'), 'NOT_FOUND', { resource: 'route' }],
    [new ConflictException('version 2 is stale: rule 5 is at version 3'), 'VERSION_CONFLICT'],
    [new ConflictException('matter 4 changed while you edited it'), 'CONCURRENT_CHANGE'],
    [new ConflictException('a calendar named 标准 exists already'), 'ALREADY_EXISTS'],
    [new ConflictException('username bob is taken'), 'ALREADY_EXISTS'],
    [new ConflictException('hotspot 3 is already closed'), 'CONFLICT'],
    [new PayloadTooLargeException(), 'BODY_TOO_LARGE'],
    [new UnsupportedMediaTypeException('unsupported Content-Type: send application/json'), 'UNSUPPORTED_MEDIA_TYPE'],
    [new UnprocessableEntityException('no'), 'UNPROCESSABLE'],
    [new HttpException('teapot', 418), 'REQUEST_FAILED'],
    [new HttpException('too many', 429), 'RATE_LIMITED'],
  ];
  it.each(cases.map(([e, code, details]) => [e, code, details ?? null] as const))('%p -> %s', (e, code, details) => {
    const c = classifyException(e);
    expect(c.status).toBe(e.getStatus());
    expect(c.code).toBe(code);
    expect(c.details.reason).toBe((e.getResponse() as { message?: string }).message ?? e.message);
    if (details) expect(c.details).toMatchObject(details);
    expect(errorMessage(c.code, c.details)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a coded error keeps its code and parameters', () => {
    const c = classifyException(ticketStatusConflict('20261203-0001', 'dispatch', 'dispatched', ['registered', 'returned']));
    expect(c).toEqual({
      status: 409,
      code: 'TICKET_STATUS_CONFLICT',
      details: { no: '20261203-0001', action: 'dispatch', status: 'dispatched', from: ['registered', 'returned'] },
    });
  });

  it('an empty message has no reason', () => {
    expect(classifyHttpException(409, '')).toEqual({ status: 409, code: 'CONFLICT', details: {} });
  });

  it("fastify's own refusals", () => {
    expect(classifyFastify({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400, message: 'x' })?.code).toBe('MALFORMED_JSON');
    expect(classifyFastify({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 })?.code).toBe('MALFORMED_JSON');
    expect(classifyFastify({ code: 'FST_ERR_CTP_JSON_TOO_DEEP', statusCode: 400, message: 'JSON body nested deeper than 32 levels' })).toMatchObject({
      code: 'JSON_TOO_DEEP',
      details: { limit: 32 },
    });
    expect(classifyFastify({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }, 65536)).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE', details: { limit: 65536 } });
    expect(classifyFastify({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(classifyFastify({ code: 'FST_ERR_SOMETHING', statusCode: 405, message: 'no' })?.code).toBe('METHOD_NOT_ALLOWED');
    expect(classifyFastify({ code: 'FST_ERR_SOMETHING', statusCode: 500 })).toBeNull();
    expect(classifyFastify({ code: 'ECONNREFUSED' })).toBeNull();
  });
});
