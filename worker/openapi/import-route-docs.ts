// What the OpenAPI document says of `POST /admin/api-tokens/import` (SPEC §12), with the
// compiler's check that its answer's schema says what contract/ says.
import { z } from 'zod'
import type { TokenImportResult } from '../../contract/admin-wire'
import { documented, jsonResponse } from './describe-route'
import { errorBodySchemaFor } from './response-schemas'

/** contract `TokenImportResult`: the tokens imported, and each row that was not with its error. */
export const tokenImportResultSchema = z
  .object({
    imported: z.array(z.object({ id: z.int(), name: z.string() })),
    errors: z.array(
      z.object({
        index: z.int(),
        error: errorBodySchemaFor(400, 'ValidationError').shape.error,
      }),
    ),
  })
  .meta({ id: 'TokenImportResult' })

/** `true` when the schema's output and the contract type are assignable both ways. */
type SameAsContract = [z.output<typeof tokenImportResultSchema>] extends [TokenImportResult]
  ? [TokenImportResult] extends [z.output<typeof tokenImportResultSchema>]
    ? true
    : never
  : never
/** A `never` above fails to compile here. */
export const importResultParity: SameAsContract = true

/** `POST /admin/api-tokens/import`. */
export const importTokensDoc = documented({
  operationId: 'importTokens',
  summary: 'Import Strapi v5 API tokens with their keys',
  description:
    'Operators only (an admin JWT without `owner`), with `admin::api-tokens.create`. Each ' +
    'row is imported or listed in `errors` by its index, with a 400 error object whose ' +
    '`details.errors` say why (`name_taken`, `unknown_permissions`, …). Needs ' +
    '`STRAPI_API_TOKEN_SALT` (else 400). At most 1000 tokens and 2 MiB.',
  tag: 'API tokens',
  auth: 'admin',
  responses: {
    200: jsonResponse(
      'What was imported, and what was not',
      z.object({ data: tokenImportResultSchema }),
    ),
  },
  errors: [400, 401, 403, 413, 500, 503],
})
