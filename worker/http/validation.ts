import { validator } from 'hono/validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { validationError, type FieldError } from './api-error'

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
) {
  return validator(target, (value): z.output<Schema> => {
    const result = schema.safeParse(value)
    if (!result.success) throw validationError(fieldErrorsOf(result.error))
    return result.data
  })
}
