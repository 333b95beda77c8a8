import { ApiError } from '../http/api-error'
import { phpParameterName } from './php-parameter-name'
import { isAmbiguousPath } from './protected-paths'
import { malformedRequest } from './refusal'

/** Headers (any casing, `-` or `_`) that ask a server to run another method than the real one. */
const METHOD_OVERRIDE = /^x[-_](http[-_]method([-_]override)?|method[-_]override)$/i
/**
 * A form body as PHP tells one: it cuts the type at `;`, `,` or a space, so
 * `application/x-www-form-urlencoded, text/plain` (two Content-Type headers, joined) is a
 * form to it and fills `$_POST`. Found anywhere in the type: generous on purpose.
 */
const FORM = /(application\/x-www-form-urlencoded|multipart\/form-data)/i
/** A JSON body as Laravel's `isJson()` tells one: `/json` or `+json` anywhere in the type. */
const JSON_TYPE = /[/+]json/i
/** JSON bodies are read whole to find a `_method` key, so they are size-limited. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024

/**
 * Whether a JSON body's top-level key asks for another method (`_method`, any casing):
 * Laravel reads it from JSON bodies as from forms (SPEC §10).
 */
export function isMethodOverrideKey(key: string): boolean {
  return key.toLowerCase() === '_method'
}

/**
 * Whether PHP reads a query parameter's name as `_method` (SPEC §10), as
 * {@link phpParameterName} reads it (`_method[]`, ` _method`, `_method%00x`), or with any
 * of ` .+[` standing for the `_`. Compared in any casing, as frameworks normalise it.
 */
export function isPhpMethodOverride(name: string): boolean {
  const lower = name.toLowerCase()
  const everyOddCharacter = lower.replace(/[ .+[]/g, '_')
  // `+` as `_` too, and cut at any `[`, matched or not: generous, as above.
  const readings = [phpParameterName(lower), phpParameterName(lower.replace(/\[.*$/, ''))]
  return [everyOddCharacter, ...readings.map((php) => php.replace(/\+/g, '_'))].includes('_method')
}

/**
 * Refuses, before any key work, a path the origin could read otherwise than the gate
 * (see {@link isAmbiguousPath}): 400 `MALFORMED`.
 */
export function refuseAmbiguousPath(url: URL): void {
  if (isAmbiguousPath(url.pathname)) {
    throw malformedRequest(
      'The path holds an empty segment, a backslash, a ; or an encoded or double-encoded separator',
    )
  }
}

/**
 * Refuses a method override — `X-HTTP-Method-Override` and kin, a query parameter PHP
 * reads as `_method` — so the gate decides by the method the origin runs: 400 `MALFORMED`.
 */
export function refuseMethodOverride(request: Request, url: URL): void {
  const overridden =
    [...url.searchParams.keys()].some(isPhpMethodOverride) ||
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
  if ([...form.keys()].some(isPhpMethodOverride)) {
    throw malformedRequest('Method override is not allowed')
  }
}

/**
 * Refuses a JSON body whose top-level object has a `_method` key (SPEC §10), for every
 * caller: Laravel runs such a request as that method. Reads a copy of the body; one
 * larger than 1 MiB is refused (413), as it could not be checked. A body that is not
 * JSON, which another parser might still read (UTF-16 by its charset in Express, by
 * detection in Python; `NaN` in Python), is refused when it names `_method` at all
 * ({@link mentionsInAnyEncoding}).
 */
export async function refuseJsonMethodOverride(request: Request): Promise<void> {
  if (request.body === null || !JSON_TYPE.test(request.headers.get('Content-Type') ?? '')) return
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_JSON_BODY_BYTES) {
    throw jsonTooLarge()
  }
  const text = await request.clone().text()
  if (text.length > MAX_JSON_BODY_BYTES) throw jsonTooLarge()
  let overridden: boolean
  try {
    const body: unknown = JSON.parse(text)
    overridden =
      typeof body === 'object' &&
      body !== null &&
      !Array.isArray(body) &&
      Object.keys(body).some(isMethodOverrideKey)
  } catch {
    overridden = mentionsInAnyEncoding(text, '_method')
  }
  if (overridden) throw malformedRequest('Method override is not allowed')
}

/**
 * Whether a text that is not JSON as read here names `word` (lower case ASCII) in any
 * casing, however a lenient reader may see it: read as UTF-8, UTF-16 or UTF-32 (the NUL
 * bytes of ASCII in those dropped) and with its `\uXXXX` escapes decoded.
 *
 * @example
 * mentionsInAnyEncoding('{"_\\u006Dethod":"DELETE","n":NaN}', '_method') // true
 */
export function mentionsInAnyEncoding(text: string, word: string): boolean {
  const decoded = text
    .replace(/\0/g, '')
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return decoded.toLowerCase().includes(word)
}

function jsonTooLarge(): ApiError {
  return new ApiError(413, 'A JSON body is larger than 1 MiB', { code: 'MALFORMED' })
}

/** A CORS preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`): the one request that passes without a key. */
export function isPreflight(request: Request): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.has('Origin') &&
    request.headers.has('Access-Control-Request-Method')
  )
}
