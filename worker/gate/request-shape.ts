import { isAmbiguousPath } from './protected-paths'
import { malformedRequest } from './refusal'

/** Headers (any casing, `-` or `_`) that ask a server to run another method than the real one. */
const METHOD_OVERRIDE = /^x[-_](http[-_]method([-_]override)?|method[-_]override)$/i
const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i

/**
 * Refuses, before any key work, a path the origin could read otherwise than the gate
 * (see {@link isAmbiguousPath}): 400 `MALFORMED`.
 */
export function refuseAmbiguousPath(url: URL): void {
  if (isAmbiguousPath(url.pathname)) {
    throw malformedRequest(
      'The path holds an empty segment, a backslash, a ; or an encoded separator',
    )
  }
}

/**
 * Refuses a method override — `X-HTTP-Method-Override` and kin, `?_method=` — so the
 * gate decides by the method the origin runs: 400 `MALFORMED`.
 */
export function refuseMethodOverride(request: Request, url: URL): void {
  const overridden =
    url.searchParams.has('_method') ||
    [...request.headers.keys()].some((name) => METHOD_OVERRIDE.test(name))
  if (overridden) throw malformedRequest('Method override is not allowed')
}

/**
 * Refuses a form POST carrying a `_method` field, which Rails, Laravel and Symfony run
 * as that method. Reads a copy of the body, so only for callers whose grants depend on
 * the method (full access may do anything anyway).
 */
export async function refuseFormMethodOverride(request: Request): Promise<void> {
  if (request.method !== 'POST' || !FORM.test(request.headers.get('Content-Type') ?? '')) return
  let form: FormData
  try {
    form = await request.clone().formData()
  } catch {
    throw malformedRequest('The form body cannot be read')
  }
  if (form.has('_method')) throw malformedRequest('Method override is not allowed')
}

/** A CORS preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`): the one request that passes without a key. */
export function isPreflight(request: Request): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.has('Origin') &&
    request.headers.has('Access-Control-Request-Method')
  )
}
