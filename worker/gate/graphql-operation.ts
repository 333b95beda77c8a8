import {
  GraphQLError,
  Kind,
  parse,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'

/** The operation a GraphQL request runs, reduced to what the gate decides on. */
export interface GraphqlOperation {
  type: 'query' | 'mutation' | 'subscription'
  /** Root field names (never aliases), fragments followed, each once. */
  fields: string[]
  /**
   * How many times each root field runs: once per response key (its alias, else its
   * name), as GraphQL merges selections of one key (what metered tokens pay, SPEC §13).
   */
  runs: ReadonlyMap<string, number>
}

/** Why a GraphQL document cannot be judged: it is answered with 400 `MALFORMED`. */
export class GraphqlDocumentError extends Error {
  override name = 'GraphqlDocumentError'
}

const MAX_TOKENS = 5_000

/**
 * Characters no document may hold, anywhere (strings and comments included): U+2028 and
 * U+2029, which graphql-java reads as line ends (so a `#` comment ends there) and
 * graphql-js does not, and every control character but TAB, LF and CR (SPEC §10).
 */
const FORBIDDEN_CHARACTER = /(?![\t\n\r])[\p{Cc}\u2028\u2029]/u

/**
 * Parses a GraphQL request's document with the `graphql` package, refusing a character
 * on which GraphQL parsers disagree (see {@link FORBIDDEN_CHARACTER}).
 *
 * @example
 * parseGraphqlDocument('{ articles { id } } # list') // DocumentNode
 */
export function parseGraphqlDocument(source: string): DocumentNode {
  const forbidden = FORBIDDEN_CHARACTER.exec(source)
  if (forbidden) {
    const code = forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    throw new GraphqlDocumentError(
      `The GraphQL document holds U+${code}: line separators and control characters other than tab and line breaks are not allowed`,
    )
  }
  try {
    return parse(source, { noLocation: true, maxTokens: MAX_TOKENS })
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new GraphqlDocumentError(`Invalid GraphQL document: ${error.message}`)
    }
    throw error
  }
}

/**
 * The document as the origin receives it: graphql-js `print()` of what was judged, so no
 * comment or ignored character of the client's survives (SPEC §10). A string value may
 * hold U+2028 or U+2029 from a `\u2028` escape, which `print()` writes out raw; it is
 * escaped again, the only place print() can put either.
 *
 * @example
 * printGraphqlDocument(parseGraphqlDocument('{articles # all\n{id}}')) // '{\n  articles {\n    id\n  }\n}'
 */
export function printGraphqlDocument(document: DocumentNode): string {
  return print(document).replace(/[\u2028\u2029]/g, (char) =>
    char === '\u2028' ? '\\u2028' : '\\u2029',
  )
}

/**
 * Collects the root fields into `keys`, one entry per response key (alias, else name)
 * and field name: every name is judged, even where two fields share a response key.
 */
function collectRootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  keys: Map<string, string>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value
      keys.set(`${selection.alias?.value ?? name} ${name}`, name)
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(selection.selectionSet, fragments, keys, visited)
    } else {
      const name = selection.name.value
      if (visited.has(name)) continue
      visited.add(name)
      const fragment = fragments.get(name)
      if (!fragment) throw new GraphqlDocumentError(`Unknown fragment "${name}"`)
      collectRootFields(fragment.selectionSet, fragments, keys, visited)
    }
  }
}

/**
 * Resolves the operation a GraphQL document runs (by `operationName`, or the only one),
 * returning its type and root fields; a source text is parsed first
 * ({@link parseGraphqlDocument}). Field names count, not aliases: `{ a: deleteArticle }`
 * is `deleteArticle`.
 *
 * @example
 * graphqlOperation('query Q { posts: articles { id } }') // { type: 'query', fields: ['articles'] }
 */
export function graphqlOperation(
  source: string | DocumentNode,
  operationName?: string | null,
): GraphqlOperation {
  const document = typeof source === 'string' ? parseGraphqlDocument(source) : source
  const operations: OperationDefinitionNode[] = []
  const fragments = new Map<string, FragmentDefinitionNode>()
  const names = new Set<string>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      // Two operations of one name, or an anonymous one beside others: the origin may
      // run another operation than the one judged here (GraphQL spec §5.2.1).
      const name = definition.name?.value
      if (name !== undefined && names.has(name)) {
        throw new GraphqlDocumentError(`The document holds two operations named "${name}"`)
      }
      if (name !== undefined) names.add(name)
      operations.push(definition)
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const name = definition.name.value
      if (fragments.has(name)) {
        throw new GraphqlDocumentError(`The document holds two fragments named "${name}"`)
      }
      fragments.set(name, definition)
    } else {
      throw new GraphqlDocumentError('A GraphQL request may only hold operations and fragments')
    }
  }
  if (operations.length > 1 && operations.some((operation) => !operation.name)) {
    throw new GraphqlDocumentError(
      'An anonymous operation must be the only operation in the document',
    )
  }
  let operation: OperationDefinitionNode | undefined
  if (operationName) {
    operation = operations.find((candidate) => candidate.name?.value === operationName)
    if (!operation) throw new GraphqlDocumentError(`Unknown operation named "${operationName}"`)
  } else if (operations.length === 1) {
    operation = operations[0]
  } else {
    throw new GraphqlDocumentError(
      operations.length === 0
        ? 'The GraphQL document holds no operation'
        : 'Must provide operationName when the document holds several operations',
    )
  }
  const keys = new Map<string, string>()
  collectRootFields(operation!.selectionSet, fragments, keys, new Set())
  const runs = new Map<string, number>()
  for (const field of keys.values()) runs.set(field, (runs.get(field) ?? 0) + 1)
  return { type: operation!.operation, fields: [...runs.keys()], runs }
}
