import type { DocumentNode } from 'graphql'
import { parseGraphqlDocument, printGraphqlDocument } from './graphql-operation'

/** A GraphQL document as judged, and as the origin receives it. */
export interface JudgedDocument {
  document: DocumentNode
  printed: string
}

/** Documents remembered per isolate; the least recently used goes first. */
export const MAX_DOCUMENTS = 500
/** Longer documents are parsed and printed each time: memory stays bounded. */
const MAX_REMEMBERED_LENGTH = 4 * 1024
const documents = new Map<string, JudgedDocument>()

/**
 * Parses and re-prints a GraphQL document ({@link parseGraphqlDocument},
 * {@link printGraphqlDocument}), remembering the result by its exact source text: clients
 * send the same few documents again and again, and parsing and printing are the GraphQL
 * path's main cost. Both are pure functions of the text, so a remembered result is the one
 * a fresh parse would give; a refused document is never remembered.
 *
 * @example
 * const { document, printed } = judgedDocument('{ articles { id } }')
 */
export function judgedDocument(source: string): JudgedDocument {
  const remembered = documents.get(source)
  if (remembered) {
    documents.delete(source)
    documents.set(source, remembered)
    return remembered
  }
  const document = parseGraphqlDocument(source)
  const judged = { document, printed: printGraphqlDocument(document) }
  if (source.length <= MAX_REMEMBERED_LENGTH) {
    documents.set(source, judged)
    if (documents.size > MAX_DOCUMENTS) documents.delete(documents.keys().next().value!)
  }
  return judged
}
