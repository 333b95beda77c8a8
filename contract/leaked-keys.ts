// The leaked-key routes' wire shapes (SPEC §12) as plain types and constants: `POST /revoke`
// and GitHub's secret-scanning alerts (`POST /secret-scanning/github`). Imports nothing.

/** The most keys one `POST /revoke` takes. */
export const MAX_REVOKED_KEYS = 1000

/** `POST /revoke`'s body: keys anyone holding them reports as leaked. */
export interface RevokeBody {
  keys: string[]
}

/** `POST /revoke`'s answer, always 202 `{data: RevokeResult}`: how many entries it received, never which were known. */
export interface RevokeResult {
  received: number
}

/** One match GitHub's secret scanning reports (its partner program's payload is an array of these). */
export interface GithubSecretAlert {
  /** The secret found. */
  token: string
  /** The name the provider gave its pattern. */
  type: string
  /** Where it was found (may be empty). */
  url?: string
  /** Where on GitHub (`commit`, `npm`, `issue_comment`…). */
  source?: string
}

/** What GitHub is told of an alert: a real key (`true_positive`) or not. */
export type GithubAlertLabel = 'true_positive' | 'false_positive'

/** The answer's entry for one alert, in GitHub's feedback format. */
export interface GithubAlertVerdict {
  token_raw: string
  token_type: string
  label: GithubAlertLabel
}
