// What the OpenAPI document says of the leaked-key routes (SPEC §12): `POST /revoke` and
// `POST /secret-scanning/github`, with their answers' schemas, checked against contract/
// by the compiler below.
import { z } from 'zod'
import type { GithubAlertVerdict, RevokeResult } from '../../contract/leaked-keys'
import { documented, jsonResponse } from './describe-route'

/** contract `RevokeResult`, in `{data}`. */
export const revokeAnswerSchema = z
  .object({ data: z.object({ received: z.int().min(1) }) })
  .meta({ id: 'RevokeAnswer' })

/** contract `GithubAlertVerdict`: one per alert, in the order GitHub sent them. */
export const githubAlertVerdictsSchema = z
  .array(
    z.object({
      token_raw: z.string(),
      token_type: z.string(),
      label: z.enum(['true_positive', 'false_positive']),
    }),
  )
  .meta({ id: 'GithubAlertVerdicts' })

/** `true` when `A` and `B` are assignable to each other, else `never`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
/** The compiler's check that the schemas above say what contract/ says. */
export type LeakedKeyContractParity = [
  Same<z.output<typeof revokeAnswerSchema>, { data: RevokeResult }>,
  Same<z.output<typeof githubAlertVerdictsSchema>, GithubAlertVerdict[]>,
]

/** `POST /revoke`. */
export const revokeDoc = documented({
  operationId: 'revokeKeys',
  summary: 'Revoke leaked keys',
  description:
    'Anyone holding a key may kill it (SPEC §12): each key that is a token’s current key ' +
    'disables the token (`disabledReason: "leaked"`); a replaced key in its grace period ' +
    'stops at once. Always 202 with the number of entries received — never which were ' +
    'known. Keys not of this deployment’s format or with a wrong checksum are counted ' +
    'and ignored. No credentials; 1–1000 keys; per client address it counts on ' +
    '`REVOKE_RATE_LIMIT` when declared, else 30 requests a minute.',
  tag: 'Leaked keys',
  auth: 'none',
  responses: { 202: jsonResponse('Received', revokeAnswerSchema) },
  errors: [400, 413, 429, 500, 503],
})

/** `POST /secret-scanning/github`. */
export const githubAlertsDoc = documented({
  operationId: 'receiveGithubSecretAlerts',
  summary: 'GitHub secret-scanning alerts',
  description:
    'GitHub’s secret scanning partner program POSTs the keys it finds here. The raw ' +
    'body must carry GitHub’s ECDSA P-256 SHA-256 signature (`Github-Public-Key-Identifier`, ' +
    '`Github-Public-Key-Signature`), checked against the keys at ' +
    '`GITHUB_SECRET_SCANNING_KEYS_URL`; without a valid one the answer is 401 and nothing ' +
    'changes. Known keys are disabled as by `POST /revoke`; the answer labels each alert.',
  tag: 'Leaked keys',
  auth: 'none',
  responses: {
    200: jsonResponse(
      'One verdict per alert, in GitHub’s feedback format',
      githubAlertVerdictsSchema,
    ),
  },
  errors: [400, 401, 413, 500, 503],
})
