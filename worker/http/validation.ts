import { validator } from 'hono/validator'
import type { Context, ValidationTargets } from 'hono'
import { resolver, uniqueSymbol } from 'hono-openapi'
import type { z } from 'zod'
import type { FieldError } from '../../contract/api-tokens'
import { ApiError, validationError } from './api-error'
import { codeOfIssue } from './issue-codes'
import { readLimitedBytes } from './read-limited-bytes'

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i

/** The most an optional body may hold: as much as any admin route takes. */
const MAX_OPTIONAL_BODY_BYTES = 64 * 1024

/**
 * Zod's issues as Strapi's `details.errors`, each with its machine code; an unknown key is
 * an error on that key.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: [...issue.path.map(String), key],
          name: 'ValidationError',
          message: `${key} is not an allowed field`,
          code: 'unknown_field',
        }))
      : [
          {
            path: issue.path.map(String),
            name: 'ValidationError',
            message: issue.message,
            code: codeOfIssue(issue),
          },
        ],
  )
}

/**
 * Whether the request carries no body bytes at all — no body, `Content-Length: 0`, or an
 * empty (chunked) stream, which is what a body-less POST is over real HTTP: only an
 * in-process `Request` has `body === null`. The bytes are read at most
 * `MAX_OPTIONAL_BODY_BYTES` (a longer body is a 413, whatever `Content-Length` says) and
 * put back as the request's body, for the JSON validator to parse the same ones.
 */
async function hasNoBody(c: Context): Promise<boolean> {
  const { req } = c
  if (req.raw.body === null) return true
  // Already read (and cached by Hono) by an earlier middleware: ask the cache.
  if (req.raw.bodyUsed) return (await req.arrayBuffer()).byteLength === 0
  const tooLarge = () => new ApiError(413, 'Request body is larger than 64 KiB')
  const bytes = await readLimitedBytes(req.raw, MAX_OPTIONAL_BODY_BYTES, tooLarge)
  req.raw = new Request(req.raw, { body: bytes })
  return bytes.byteLength === 0
}

/**
 * Registers `schema` for the OpenAPI document (worker/openapi/) on the middleware that
 * validates with it, as hono-openapi's own validator does: a query or path schema becomes
 * the operation's parameters, a JSON one its request body (required unless `optional`).
 * Nothing is converted here; the document is built on its first request.
 */
function registered<Middleware extends object>(
  middleware: Middleware,
  target: keyof ValidationTargets,
  schema: z.ZodType,
  optional: boolean,
): Middleware {
  const request =
    target === 'json'
      ? {
          spec: {
            requestBody: {
              required: !optional,
              content: { 'application/json': { schema: resolver(schema) } },
            },
          },
        }
      : { target, ...resolver(schema) }
  return Object.assign(middleware, { [uniqueSymbol]: request })
}

/**
 * Hono's validator with a zod schema, answering a Strapi-shaped 400 on failure
 * (the one shared hook of every route). A JSON body must be declared as JSON; an
 * `optional` one may be absent — no bytes at all, whatever its `Content-Type` says (as
 * `curl -X POST` and Strapi's admin client send it) — and then `{}` is validated. The
 * schema is what the OpenAPI document says of the request (GET /openapi.json).
 *
 * @example
 * tokens.post('/', validate('json', createTokenBody), (c) => c.req.valid('json'))
 * tokens.post('/:id/regenerate', validate('json', regenerateTokenBody, { optional: true }), h)
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
  { optional = false }: { optional?: boolean } = {},
) {
  const parse = (value: unknown): z.output<Schema> => {
    // The input is kept on each issue to tell a missing value from a wrong one (its code).
    const result = schema.safeParse(value, { reportInput: true })
    if (!result.success) throw validationError(fieldErrorsOf(result.error))
    return result.data
  }
  const validateValue = validator(target, (value, c): z.output<Schema> => {
    // Hono reads a JSON body only when it is declared as JSON; anything else would be
    // validated as an empty object, and a PUT would silently change nothing.
    if (target === 'json' && !JSON_MEDIA_TYPE.test(c.req.header('Content-Type') ?? '')) {
      throw new ApiError(400, 'Send the body as JSON, with Content-Type: application/json')
    }
    return parse(value)
  })
  if (!(optional && target === 'json')) return registered(validateValue, target, schema, false)
  // What an absent body means, worked out once (a schema that refuses `{}` cannot make a
  // body optional: a bug, thrown at startup) and frozen, as every request shares it.
  const absent = schema.safeParse({})
  if (!absent.success || typeof absent.data !== 'object' || absent.data === null) {
    throw new Error('validate: an optional JSON body needs a schema that accepts {}')
  }
  const whenAbsent = Object.freeze(absent.data)
  const validateOptionalBody: typeof validateValue = async function validateOptionalBody(c, next) {
    if (!(await hasNoBody(c))) return validateValue(c, next)
    c.req.addValidatedData(target, whenAbsent)
    await next()
  }
  return registered(validateOptionalBody, target, schema, true)
}
