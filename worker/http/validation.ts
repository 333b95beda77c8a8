import { validator } from 'hono/validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import type { FieldError } from '../../contract/api-tokens'
import { ApiError, validationError } from './api-error'

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i

/** Zod's issues as Strapi's `details.errors`; an unknown key is an error on that key. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: [...issue.path.map(String), key],
          name: 'ValidationError',
          message: `${key} is not an allowed field`,
        }))
      : [{ path: issue.path.map(String), name: 'ValidationError', message: issue.message }],
  )
}

/**
 * Hono's validator with a zod schema, answering a Strapi-shaped 400 on failure
 * (the one shared hook of every route).
 *
 * @example
 * tokens.post('/', validate('json', createTokenBody), (c) => c.req.valid('json'))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
  { optional = false }: { optional?: boolean } = {},
) {
  return validator(target, (value, c): z.output<Schema> => {
    // Hono reads a JSON body only when it is declared as JSON; anything else would be
    // validated as an empty object, and a PUT would silently change nothing. An optional
    // body may be absent altogether (then `{}` is validated).
    const declaredJson = JSON_MEDIA_TYPE.test(c.req.header('Content-Type') ?? '')
    const absent = optional && c.req.raw.body === null
    if (target === 'json' && !declaredJson && !absent) {
      throw new ApiError(400, 'Send the body as JSON, with Content-Type: application/json')
    }
    const result = schema.safeParse(value)
    if (!result.success) throw validationError(fieldErrorsOf(result.error))
    return result.data
  })
}
