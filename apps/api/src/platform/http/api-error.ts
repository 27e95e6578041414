import { HttpException } from '@nestjs/common';
import { ERROR_MESSAGES_EN, type ErrorCode, type ErrorDetails } from '@hotline/contracts';

/**
 * An error with a stable code and its parameters (contract, "Errors"): the exceptions filter writes its message in the
 * language the request asks for. The English words are kept as the exception's own message for logs and tests.
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(details.reason ?? ERROR_MESSAGES_EN[code](details), status);
  }
}

/** An action the ticket's status does not allow (409 naming the status). */
export const ticketStatusConflict = (no: string, action: string, status: string, from: readonly string[]) =>
  new ApiError(409, 'TICKET_STATUS_CONFLICT', { no, action, status, from: [...from] });

/** A body's `version` that is not the record's (409). */
export const versionConflict = (version: number, currentVersion: number, no?: string) => new ApiError(409, 'VERSION_CONFLICT', { version, currentVersion, ...(no ? { no } : {}) });

/** The guarded UPDATE matched nothing: someone else changed the row between the read and the write (409). */
export const concurrentChange = (reason: string) => new ApiError(409, 'CONCURRENT_CHANGE', { reason });

export const notFound = (resource: string, id: string | number) => new ApiError(404, resource === 'ticket' ? 'TICKET_NOT_FOUND' : 'NOT_FOUND', { resource, id });

/** A field naming a record that does not exist (departmentId 99, intoId 12345): 400. */
export const referenceNotFound = (field: string, value: string | number) => new ApiError(400, 'REFERENCE_NOT_FOUND', { field, value });

/** A field whose value is wrong for a reason the validators cannot see: 400 with the reason in English. */
export const fieldInvalid = (field: string, reason: string) => new ApiError(400, 'FIELD_INVALID', { field, reason });

export const forbiddenRole = (role: string, roles: readonly string[]) => new ApiError(403, 'FORBIDDEN_ROLE', { role, roles: [...roles] });
