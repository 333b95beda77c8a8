import {
  GraphQLError,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'

/** The operation a GraphQL request runs, reduced to what the gate decides on. */
export interface GraphqlOperation {
  type: 'query' | 'mutation' | 'subscription'
  /** Root field names (never aliases), fragments followed, each once. */
  fields: string[]
}

/** Why a GraphQL document cannot be judged: it is answered with 400 `MALFORMED`. */
export class GraphqlDocumentError extends Error {
  override name = 'GraphqlDocumentError'
}

const MAX_TOKENS = 5_000

function collectRootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  fields: Set<string>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fields.add(selection.name.value)
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(selection.selectionSet, fragments, fields, visited)
    } else {
      const name = selection.name.value
      if (visited.has(name)) continue
      visited.add(name)
      const fragment = fragments.get(name)
      if (!fragment) throw new GraphqlDocumentError(`Unknown fragment "${name}"`)
      collectRootFields(fragment.selectionSet, fragments, fields, visited)
    }
  }
}

/**
 * Parses a GraphQL document with the `graphql` package and resolves the operation
 * to run (by `operationName`, or the only one), returning its type and root fields.
 * Field names count, not aliases: `{ a: deleteArticle }` is `deleteArticle`.
 *
 * @example
 * graphqlOperation('query Q { posts: articles { id } }') // { type: 'query', fields: ['articles'] }
 */
export function graphqlOperation(source: string, operationName?: string | null): GraphqlOperation {
  let document
  try {
    document = parse(source, { noLocation: true, maxTokens: MAX_TOKENS })
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new GraphqlDocumentError(`Invalid GraphQL document: ${error.message}`)
    }
    throw error
  }
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
  const fields = new Set<string>()
  collectRootFields(operation!.selectionSet, fragments, fields, new Set())
  return { type: operation!.operation, fields: [...fields] }
}
