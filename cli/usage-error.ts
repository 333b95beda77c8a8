/** A command line the CLI cannot run (exit 2), as opposed to an API error (exit 1). */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** A command's answer that is a refusal (`verify` of a key that is not valid): exit 1, already printed. */
export class Refused extends Error {
  override readonly name = 'Refused'
}
