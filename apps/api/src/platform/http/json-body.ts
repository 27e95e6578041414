import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Deeper than any body the API takes (a few levels), far below what would strain the parser or the validators. */
export const MAX_JSON_DEPTH = 32;

/** A body refused before it is parsed: 400 naming the limit (fastify's statusCode, mapped by the exceptions filter). */
class JsonTooDeep extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_CTP_JSON_TOO_DEEP';
  constructor() {
    super(`JSON body nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/** How deep the JSON text nests, counting brackets outside strings; stops counting once past `limit`. */
export function jsonDepthExceeds(text: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The only body parser of the JSON API: application/json, with the raw bytes kept (signed telephony events) and the
 * nesting depth checked before parsing, so that no route — sign-in included — meets a body that overflows a recursive
 * parser or validator. Other content types (text/plain, forms) are 415 here; Open311's routes parse their own forms.
 */
export function registerJsonBody(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req: FastifyRequest & { rawBody?: Buffer }, body: Buffer, done) => {
    req.rawBody = body;
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      done(new JsonTooDeep(), undefined);
      return;
    }
    // fastify's own JSON parser answers through done (it returns nothing to wait for)
    void parse(req, body.toString('utf8'), done);
  });
}
