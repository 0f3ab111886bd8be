import { GraphQLError } from 'graphql';
import { ERROR_CATALOGUE, ErrorCode, ErrorKey, ErrorParams, errorText } from './domain/errors';

export type { ErrorCode, ErrorKey } from './domain/errors';

/**
 * An error the caller is told about (bad input, a refusal, a conflict): answered, never debugged, so
 * it carries no stack trace. Capturing one (twice: Error, then GraphQLError) was a tenth of the
 * server's CPU while it refused a flood of requests.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, { extensions: { code, ...extra } });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}

/**
 * A catalogued error (server/src/domain/errors.ts): its code, `reason` (the key) and `params`, which
 * clients translate; the message is "ja (en)" for scripts. extra: further extensions (field, index …).
 */
export function appError(key: ErrorKey, params: ErrorParams = {}, extra: Record<string, unknown> = {}): AppError {
  const message = `${errorText(key, 'ja', params)} (${errorText(key, 'en', params)})`;
  return new AppError(ERROR_CATALOGUE[key].code, message, { reason: key, params, ...extra });
}

export const badInput = (message: string, extra: Record<string, unknown> = {}) => new AppError('BAD_USER_INPUT', message, extra);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new AppError('CONFLICT', message, extra);

/** HTTP status for REST routes (tiles, attachments, basemap). */
export function httpStatus(code: unknown): number {
  switch (code) {
    case 'BAD_USER_INPUT': return 400;
    case 'UNAUTHENTICATED': return 401;
    case 'FORBIDDEN': return 403;
    case 'NOT_FOUND': return 404;
    case 'CONFLICT': return 409;
    case 'TOO_MANY_REQUESTS': return 429;
    case 'SERVICE_UNAVAILABLE': return 503;
    default: return 500;
  }
}
