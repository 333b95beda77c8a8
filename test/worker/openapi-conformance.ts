// Checks the worker's answers against its own OpenAPI document (GET /openapi.json, SPEC
// §11): each answer to a documented operation must have a documented status, a
// documented content type, and a body its schema admits. The setup file
// (openapi-hook.ts) runs every answer of the worker tests through `checkedFetch`.
import { Validator } from '@cfworker/json-schema'
import type { OpenAPIV3_1 } from 'openapi-types'

/** How the tests call the worker: Hono's `fetch` (a Request, then env and context). */
export type WorkerFetch = (request: Request, ...rest: never[]) => Response | Promise<Response>

/** One answer that breaks the document: which request, and what is wrong. */
export interface ConformanceFailure {
  request: string
  status: number
  problems: string[]
}

/** One documented operation, with its path as a pattern. */
interface Operation {
  method: string
  template: string
  pattern: RegExp
  responses: OpenAPIV3_1.ResponsesObject
}

/** Marks a fetch that checks its answers already. */
const CHECKED = Symbol('checked against the OpenAPI document')

let documentSource: (() => Promise<OpenAPIV3_1.Document>) | undefined
let operations: Promise<{ document: OpenAPIV3_1.Document; list: Operation[] }> | undefined
const validators = new Map<string, Validator>()
const failures: ConformanceFailure[] = []
let checked = 0

/** Where the document comes from: the worker itself, called past the hook. */
export function setDocumentSource(source: () => Promise<OpenAPIV3_1.Document>): void {
  documentSource = source
}

/** The document the answers are checked against. */
export async function openApiDocument(): Promise<OpenAPIV3_1.Document> {
  return (await documentedOperations()).document
}

function documentedOperations() {
  if (!documentSource) throw new Error('openapi-conformance: no document source set')
  const source = documentSource
  operations ??= source().then((document) => ({ document, list: operationsOf(document) }))
  return operations
}

/** `/admin/api-tokens/{id}` → a pattern matching one path segment per parameter. */
function patternOf(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('[^/]+')}$`)
}

function operationsOf(document: OpenAPIV3_1.Document): Operation[] {
  const list: Operation[] = []
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item?.[method]
      if (operation?.responses) {
        list.push({
          method,
          template,
          pattern: patternOf(template),
          responses: operation.responses,
        })
      }
    }
  }
  return list
}

/** A validator for one response schema, its `$ref`s resolved in the document's components. */
function validatorFor(key: string, schema: object, document: OpenAPIV3_1.Document): Validator {
  let validator = validators.get(key)
  if (!validator) {
    // The root carries the components, so `#/components/schemas/…` resolves within it.
    const root = structuredClone({ ...schema, components: document.components })
    validators.set(key, (validator = new Validator(root, '2020-12', false)))
  }
  return validator
}

/**
 * What is wrong with `response` as the answer to `method path`, by the document: an
 * undocumented status or content type, or a body its schema refuses. `[]` when it
 * conforms, or when the document does not describe the operation.
 */
export async function problemsOf(method: string, url: string, response: Response) {
  const { document, list } = await documentedOperations()
  const path = new URL(url).pathname
  const operation = list.find((op) => op.method === method.toLowerCase() && op.pattern.test(path))
  if (!operation) return undefined
  checked += 1
  const documented = operation.responses[String(response.status)]
  const where = `${method} ${operation.template} → ${response.status}`
  if (!documented || '$ref' in documented) return [`${where}: status not documented`]
  const text = await response.text()
  const mediaType = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim()
  const content = documented.content ?? {}
  if (!text && Object.keys(content).length === 0) return []
  const media = content[mediaType]
  if (!media?.schema) return [`${where}: content type "${mediaType}" not documented`]
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return [`${where}: body is not JSON: ${text.slice(0, 80)}`]
  }
  const key = `${operation.method} ${operation.template} ${response.status} ${mediaType}`
  const { valid, errors } = validatorFor(key, media.schema, document).validate(body)
  if (valid) return []
  // The leaves say what is wrong; the enclosing `properties` and `$ref` only repeat it.
  const leaves = errors.filter((error) => !['properties', '$ref'].includes(error.keyword))
  return (leaves.length ? leaves : errors).map(
    (error) => `${where}: ${error.instanceLocation} ${error.error}`,
  )
}

/**
 * `fetch` whose every answer is checked against the document: a failure is recorded (to
 * fail the test that made the request) and the answer returned untouched.
 */
export function checkedFetch<Fetch extends WorkerFetch>(fetch: Fetch): Fetch {
  // Wrapped once: a Tollgate from the mocked module, handed on by a mocked one, is checked once.
  if (CHECKED in fetch) return fetch
  const checkedOne = async (request: Request, ...rest: never[]) => {
    const method = request.method
    const url = request.url
    const response = await fetch(request, ...rest)
    const problems = await problemsOf(method, url, response.clone())
    if (problems?.length) {
      const path = new URL(url)
      failures.push({
        request: `${method} ${path.pathname}${path.search}`,
        status: response.status,
        problems,
      })
    }
    return response
  }
  return Object.assign(checkedOne, { [CHECKED]: true }) as unknown as Fetch
}

/** The failures recorded since the last call, cleared. */
export function takeConformanceFailures(): ConformanceFailure[] {
  return failures.splice(0)
}

/** How many answers to documented operations have been checked in this test file. */
export function checkedAnswers(): number {
  return checked
}
