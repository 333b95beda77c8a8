// The demo's origin API: articles and categories over REST and GraphQL, kept in memory.
// It trusts the gate in front of it and echoes which token the gate let through.
import { buildSchema, graphql } from 'graphql'
import { decodeJwt } from 'jose'

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

function answer(request: Request, status: number, data: unknown): Response {
  const assertion = request.headers.get('X-Tollgate-Assertion')
  const gate = {
    tokenId: request.headers.get('X-Api-Token-Id'),
    tokenType: request.headers.get('X-Api-Token-Type'),
    owner: request.headers.get('X-Api-Token-Owner'),
    asserted: assertion !== null,
    // What a real origin would read after verifying the assertion (the demo only decodes it).
    claims: assertion ? decodeJwt(assertion) : null,
  }
  return Response.json({ data, meta: { origin: 'tollgate-demo-origin', gate } }, { status })
}

async function rest(request: Request, path: string): Promise<Response> {
  const [, api, collection, id, extra] = path.split('/')
  if (api !== 'api') return answer(request, 404, null)
  const body = async () => (await request.json().catch(() => ({}))) as Record<string, unknown>
  if (collection === 'homepage') {
    if (request.method === 'PUT')
      homepage = { title: String((await body()).title ?? homepage.title) }
    return answer(request, 200, homepage)
  }
  const list =
    collection === 'articles' ? articles : collection === 'categories' ? categories : null
  if (!list) return answer(request, 404, null)
  if (id === undefined || id === '') {
    if (request.method === 'POST') {
      const item = {
        id: nextId++,
        title: 'Untitled',
        name: 'Untitled',
        categoryId: 1,
        ...(await body()),
      }
      ;(list as unknown[]).push(item)
      return answer(request, 201, item)
    }
    return answer(request, 200, list)
  }
  const index = list.findIndex((item) => item.id === Number(id))
  if (index < 0) return answer(request, 404, null)
  if (extra === 'related')
    return answer(
      request,
      200,
      articles.filter((a) => a.id !== Number(id)),
    )
  if (request.method === 'DELETE') return answer(request, 200, list.splice(index, 1)[0])
  if (request.method === 'PUT') Object.assign(list[index]!, await body(), { id: Number(id) })
  return answer(request, 200, list[index])
}

async function graphqlRequest(request: Request, url: URL): Promise<Response> {
  let source: string | null
  let operationName: string | undefined
  let variables: Record<string, unknown> | undefined
  if (request.method === 'GET') {
    source = url.searchParams.get('query')
    operationName = url.searchParams.get('operationName') ?? undefined
  } else if (request.headers.get('Content-Type')?.startsWith('application/graphql')) {
    source = await request.text()
  } else {
    const body = (await request.json()) as {
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
  return Response.json(result)
}

export default {
  async fetch(request: Request): Promise<Response> {
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
    if (url.pathname === '/graphql') return graphqlRequest(request, url)
    return rest(request, url.pathname.replace(/\/+$/, ''))
  },
} satisfies ExportedHandler
