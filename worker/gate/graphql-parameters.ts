import { phpParameterName } from './php-parameter-name'

/** The names a GraphQL-over-HTTP request carries its parts under, in their canonical spelling. */
export const GRAPHQL_PARAMETERS = ['query', 'operationName', 'variables', 'extensions'] as const

export type GraphqlParameter = (typeof GRAPHQL_PARAMETERS)[number]

/**
 * Whether `char` may stand for the ASCII letter `ascii` (lower case) under some server's
 * case folding: .NET's `OrdinalIgnoreCase` and Java's `equalsIgnoreCase` upper-case first,
 * so `ı` reads as `i` and `ſ` as `s`; Java lower-cases `İ` to `i`.
 */
function foldsTo(char: string, ascii: string): boolean {
  const upper = char.toUpperCase()
  const forms = [char, char.toLowerCase(), upper, upper.toLowerCase()]
  return forms.some((form) => form.length > 0 && form[0]!.toLowerCase() === ascii)
}

/**
 * The GraphQL parameter `name` reads as in any casing, or `undefined` (SPEC §10): ASP.NET
 * reads `?Query=` as `query`, Go's `encoding/json` a `"QUERY"` key. Folding is generous
 * on purpose: a name that some server may read as ours is treated as ours.
 *
 * @example
 * graphqlParameterOf('OPERATIONNAME') // 'operationName'
 * graphqlParameterOf('querY')         // 'query'
 * graphqlParameterOf('page')          // undefined
 */
export function graphqlParameterOf(name: string): GraphqlParameter | undefined {
  const chars = [...name]
  return GRAPHQL_PARAMETERS.find(
    (parameter) =>
      chars.length === parameter.length &&
      chars.every((char, i) => foldsTo(char, parameter[i]!.toLowerCase())),
  )
}

/**
 * The GraphQL parameter a URL parameter's name reads as, in any casing
 * ({@link graphqlParameterOf}) or as PHP files it ({@link phpParameterName}): on a GET,
 * `?operationName=A&%20operationName=B` is operationName B to a PHP origin (SPEC §10).
 *
 * @example
 * urlGraphqlParameterOf(' operationName') // 'operationName'
 * urlGraphqlParameterOf('query\u0000x')   // 'query'
 */
export function urlGraphqlParameterOf(name: string): GraphqlParameter | undefined {
  return graphqlParameterOf(name) ?? graphqlParameterOf(phpParameterName(name))
}
