// The one error shape of the API, `{ error: { code, message, details? } }`, and the handler that turns
// every thrown error (ours, Fastify's, plugins') into it. 5xx responses never carry details: the
// cause goes to the log only.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ValidationIssue } from './contract/api.js';

/** Stable error codes; clients and tests match on these, never on messages. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'csrf_invalid',
  'not_found',
  'conflict',
  'version_conflict',
  'invalid_transition',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'not allowed for your role') => new ApiError(403, 'forbidden', message);
export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'log in first');
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Fastify error codes we map to our own; anything else keeps its status with a generic code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function validationIssues(err: FastifyError): ValidationIssue[] {
  const part = err.validationContext ?? 'request';
  return (err.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown> | undefined;
    // A missing property is reported at its parent; name the property itself.
    const missing = v.keyword === 'required' && params ? (params.missingProperty ?? params.requiredProperties) : undefined;
    const extra = v.keyword === 'additionalProperties' && params ? params.additionalProperties : undefined;
    const base = `${part}${v.instancePath ?? ''}`;
    const suffix = typeof missing === 'string' ? `/${missing}` : Array.isArray(missing) ? `/${missing.join(',')}` : '';
    const extraNote = Array.isArray(extra) ? ` (${extra.join(', ')})` : typeof extra === 'string' ? ` (${extra})` : '';
    return { path: base + suffix, message: `${v.message ?? 'invalid'}${extraNote}` };
  });
}

export function handleError(err: FastifyError | ApiError, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ApiError) {
    if (err.statusCode >= 500) req.log.error({ err }, 'request failed');
    void reply.code(err.statusCode).send(errorBody(err.code, err.message, err.details));
    return;
  }
  if (err.validation) {
    const issues = validationIssues(err);
    void reply
      .code(400)
      .send(errorBody('validation_failed', `invalid ${err.validationContext ?? 'request'}: ${issues.map((i) => i.path).join(', ')}`, { issues }));
    return;
  }
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
  if (status >= 500) {
    req.log.error({ err }, 'request failed');
    void reply.code(status).send(errorBody('internal_error', 'internal error; see the server log'));
    return;
  }
  const code: ErrorCode = (err.code ? FASTIFY_CODES[err.code] : undefined) ?? STATUS_CODES[status] ?? 'bad_request';
  req.log.info({ code: err.code, status }, err.message);
  void reply.code(status).send(errorBody(code, err.message));
}
