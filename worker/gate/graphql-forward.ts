import type { GraphqlRequest } from './graphql-request'

const utf8 = new TextEncoder()

/** A GraphQL request as the origin receives it: a new body, or a new query string. */
export type ForwardedGraphql =
  { body: Uint8Array; contentType: 'application/json' | 'application/graphql' } | { search: string }

/**
 * JSON with U+2028, U+2029 and the control characters `JSON.stringify` leaves raw (DEL,
 * U+0080–U+009F) escaped, as a `variables` string may hold them: valid JSON either way,
 * but no line separator or control character reaches an origin's lexer (SPEC §10).
 */
function jsonWithoutControlCharacters(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * Rebuilds a judged GraphQL request around its re-printed document (SPEC §10), never
 * the client's bytes: a JSON POST becomes `{"query": printed}` with `operationName`,
 * `variables` and `extensions` only where the client sent them, as the values parsed
 * here; an `application/graphql` POST becomes the printed document; a GET keeps its
 * parameters in order, names canonical, `query` re-encoded from the printed document.
 *
 * @example
 * forwardedGraphql({ query: '{a}', operationName: null, form: { kind: 'graphql' } }, '{\n  a\n}')
 * // { body: <UTF-8 of '{\n  a\n}'>, contentType: 'application/graphql' }
 */
export function forwardedGraphql(request: GraphqlRequest, printed: string): ForwardedGraphql {
  const { form } = request
  if (form.kind === 'get') {
    const parameters = new URLSearchParams()
    for (const [name, value] of form.parameters) {
      parameters.append(name, name === 'query' ? printed : value)
    }
    return { search: `?${parameters.toString()}` }
  }
  if (form.kind === 'graphql')
    return { body: utf8.encode(printed), contentType: 'application/graphql' }
  const body = jsonWithoutControlCharacters({ query: printed, ...form.extras })
  return { body: utf8.encode(body), contentType: 'application/json' }
}
