// The demo's origin API: articles and categories over REST and GraphQL, kept in memory.
// It trusts the gate in front of it and echoes which token the gate let through, and
// exactly what it received (method, URL, headers, body text), for the wire suite.
import { buildSchema, graphql } from 'graphql'
import { TollgateAssertionError, verifyAssertion, type TollgateClaims } from 'tollgate/origin'

/** The demo origin's bindings: the gate, bound back, whose JWKS verifies its assertions. */
interface DemoOriginEnv {
  GATE?: Fetcher
}

interface Article {
  id: number
  title: string
  categoryId: number
}
interface Category {
  id: number
  name: string
}

const articles: Article[] = [
  { id: 1, title: 'Hello, Tollgate', categoryId: 1 },
  { id: 2, title: 'Tokens at the edge', categoryId: 2 },
]
const categories: Category[] = [
  { id: 1, name: 'News' },
  { id: 2, name: 'Engineering' },
]
let homepage = { title: 'Welcome to the demo API' }
let nextId = 3

const schema = buildSchema(`
  type Article { id: ID!, title: String!, category: Category }
  type Category { id: ID!, name: String! }
  type Homepage { title: String! }
  input ArticleInput { title: String, categoryId: ID }
  type Query {
    articles: [Article!]!
    article(id: ID!): Article
    categories: [Category!]!
    category(id: ID!): Category
    homepage: Homepage
  }
  type Mutation {
    createArticle(data: ArticleInput!): Article
    updateArticle(id: ID!, data: ArticleInput!): Article
    deleteArticle(id: ID!): Article
    createCategory(name: String!): Category
  }
`)

const withCategory = (article: Article) => ({
  ...article,
  category: categories.find((c) => c.id === article.categoryId) ?? null,
})

const rootValue = {
  articles: () => articles.map(withCategory),
  article: ({ id }: { id: string }) => {
    const article = articles.find((a) => a.id === Number(id))
    return article ? withCategory(article) : null
  },
  categories: () => categories,
  category: ({ id }: { id: string }) => categories.find((c) => c.id === Number(id)) ?? null,
  homepage: () => homepage,
  createArticle: ({ data }: { data: { title?: string; categoryId?: string } }) => {
    const article = {
      id: nextId++,
      title: data.title ?? 'Untitled',
      categoryId: Number(data.categoryId ?? 1),
    }
    articles.push(article)
    return withCategory(article)
  },
  updateArticle: ({ id, data }: { id: string; data: { title?: string } }) => {
    const article = articles.find((a) => a.id === Number(id))
    if (article && data.title) article.title = data.title
    return article ? withCategory(article) : null
  },
  deleteArticle: ({ id }: { id: string }) => {
    const index = articles.findIndex((a) => a.id === Number(id))
    return index < 0 ? null : withCategory(articles.splice(index, 1)[0]!)
  },
  createCategory: ({ name }: { name: string }) => {
    const category = { id: nextId++, name }
    categories.push(category)
    return category
  },
}

/** What reached the origin, as it arrived: the wire suite checks what the gate forwarded. */
interface Received {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

function answer(
  request: Request,
  received: Received,
  claims: TollgateClaims,
  status: number,
  data: unknown,
): Response {
  const gate = {
    tokenId: request.headers.get('X-Api-Token-Id'),
    tokenType: request.headers.get('X-Api-Token-Type'),
    owner: request.headers.get('X-Api-Token-Owner'),
    asserted: true,
    // The assertion's claims, verified against the gate's JWKS (tollgate/origin).
    claims,
  }
  return Response.json(
    { data, meta: { origin: 'tollgate-demo-origin', gate, received } },
    { status },
  )
}

function parsedBody(received: Received): Record<string, unknown> {
  try {
    return JSON.parse(received.body) as Record<string, unknown>
  } catch {
    return {}
  }
}

function rest(
  request: Request,
  received: Received,
  claims: TollgateClaims,
  path: string,
): Response {
  const reply = (status: number, data: unknown) => answer(request, received, claims, status, data)
  const [, api, collection, id, extra] = path.split('/')
  if (api !== 'api') return reply(404, null)
  if (collection === 'homepage') {
    if (request.method === 'PUT')
      homepage = { title: String(parsedBody(received).title ?? homepage.title) }
    return reply(200, homepage)
  }
  const list =
    collection === 'articles' ? articles : collection === 'categories' ? categories : null
  if (!list) return reply(404, null)
  if (id === undefined || id === '') {
    if (request.method === 'POST') {
      const item = {
        id: nextId++,
        title: 'Untitled',
        name: 'Untitled',
        categoryId: 1,
        ...parsedBody(received),
      }
      ;(list as unknown[]).push(item)
      return reply(201, item)
    }
    return reply(200, list)
  }
  const index = list.findIndex((item) => item.id === Number(id))
  if (index < 0) return reply(404, null)
  if (extra === 'related')
    return reply(
      200,
      articles.filter((a) => a.id !== Number(id)),
    )
  if (request.method === 'DELETE') return reply(200, list.splice(index, 1)[0])
  if (request.method === 'PUT')
    Object.assign(list[index]!, parsedBody(received), { id: Number(id) })
  return reply(200, list[index])
}

async function graphqlRequest(request: Request, received: Received, url: URL): Promise<Response> {
  let source: string | null
  let operationName: string | undefined
  let variables: Record<string, unknown> | undefined
  if (request.method === 'GET') {
    source = url.searchParams.get('query')
    operationName = url.searchParams.get('operationName') ?? undefined
  } else if (request.headers.get('Content-Type')?.startsWith('application/graphql')) {
    source = received.body
  } else {
    const body = JSON.parse(received.body) as {
      query: string
      operationName?: string
      variables?: Record<string, unknown>
    }
    ;({ query: source, operationName, variables } = body)
  }
  const result = await graphql({
    schema,
    source: source ?? '',
    rootValue,
    operationName,
    variableValues: variables,
  })
  // GraphQL's own place for more than data and errors: what the origin received.
  return Response.json({ ...result, extensions: { received } })
}

/**
 * The assertion's claims, verified against the gate's `/.well-known/jwks.json` through the
 * GATE binding (SPEC §11), or the 401 a real origin answers to a request the gate did not
 * sign for.
 */
async function verified(request: Request, env: DemoOriginEnv): Promise<TollgateClaims | Response> {
  const gate = env.GATE
  if (!gate)
    return Response.json({ error: 'the demo origin needs its GATE binding' }, { status: 500 })
  try {
    return await verifyAssertion(request, {
      jwksUrl: 'https://gate.internal/.well-known/jwks.json',
      fetch: (url, init) => gate.fetch(url, init),
    })
  } catch (error) {
    if (!(error instanceof TollgateAssertionError)) throw error
    const refusal = { status: 401, name: 'UnauthorizedError', message: error.message }
    return Response.json(
      { data: null, error: { ...refusal, details: { code: error.code } } },
      { status: 401 },
    )
  }
}

export default {
  async fetch(request: Request, env: DemoOriginEnv): Promise<Response> {
    const url = new URL(request.url)
    // A CORS preflight reaches the origin without a key: answer it, and never with data.
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': request.headers.get('Origin') ?? '*',
          'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type',
          'Access-Control-Max-Age': '600',
        },
      })
    }
    const claims = await verified(request, env)
    if (claims instanceof Response) return claims
    const received: Received = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    }
    if (url.pathname === '/graphql') return graphqlRequest(request, received, url)
    return rest(request, received, claims, url.pathname.replace(/\/+$/, ''))
  },
} satisfies ExportedHandler<DemoOriginEnv>
