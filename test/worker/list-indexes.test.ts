// SPEC §9: listing and searching stay index walks at a million tokens — the plans
// SQLite chooses for the list's real queries, on a table of a million rows.
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { SORT_FIELDS } from '../../contract/api-tokens'
import { listTokens } from '../../worker/store/api-tokens'
import { tokenDb } from '../../worker/db/token-db'

const ROWS = 1_000_000

/** A D1 binding that records each statement with its parameters. */
function recordingDb() {
  const statements: { sql: string; params: unknown[] }[] = []
  const db = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          const entry = { sql, params: [] as unknown[] }
          statements.push(entry)
          const statement = target.prepare(sql)
          return new Proxy(statement, {
            get(inner, key) {
              if (key === 'bind') {
                return (...params: unknown[]) => {
                  entry.params = params
                  return inner.bind(...params)
                }
              }
              const value = Reflect.get(inner, key)
              return typeof value === 'function' ? value.bind(inner) : value
            },
          })
        }
      }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { db, statements }
}

async function planOf(sql: string, params: unknown[]): Promise<string> {
  const { results } = await env.DB.prepare(`explain query plan ${sql}`)
    .bind(...params)
    .all<{ detail: string }>()
  return results.map((row) => row.detail).join('\n')
}

beforeAll(async () => {
  await env.DB.prepare(
    `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
     insert into api_tokens (name, description, type, access_key_hash, key_hint,
       expires_at, last_used_at, created_at, updated_at)
     select 'token-' || i, '', 'read-only', 'hash-' || i, 'tg_x…x',
       case when i % 3 = 0 then null else 1800000000000 + i end,
       case when i % 2 = 0 then null else 1790000000000 + i end,
       1780000000000 + i, 1780000000000 + i
     from n`,
  )
    .bind(ROWS)
    .run()
  await env.DB.prepare('analyze').run()
}, 120_000)

describe('the token list at a million tokens', () => {
  for (const field of SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      for (const q of [undefined, 'token-99']) {
        it(`walks an index for sort=${field}:${direction}${q ? ' with a search' : ''}`, async () => {
          const { db, statements } = recordingDb()
          const { tokens, total } = await listTokens(tokenDb(db), {
            sort: { field, direction },
            q,
            page: { page: 2, pageSize: 25 },
          })
          expect(tokens).toHaveLength(25)
          expect(total).toBeGreaterThan(25)
          const page = statements.find((s) => /order by/i.test(s.sql))!
          const plan = await planOf(page.sql, page.params)
          // The page comes from walking the sort field's index in order, stopping at the
          // limit: no scan of the table, no sort of it.
          expect(plan).not.toMatch(/TEMP B-TREE/)
          expect(plan).toMatch(/^SCAN api_tokens USING (COVERING )?INDEX api_tokens_/m)
        })
      }
    }
  }
})

describe('the name sort, case-insensitive (SPEC §2)', () => {
  for (const direction of ['asc', 'desc'] as const) {
    it(`orders by name COLLATE NOCASE walking api_tokens_name_nocase (${direction})`, async () => {
      const { db, statements } = recordingDb()
      await listTokens(tokenDb(db), {
        sort: { field: 'name', direction },
        page: { page: 1, pageSize: 25 },
      })
      const page = statements.find((s) => /order by/i.test(s.sql))!
      expect(page.sql).toMatch(/order by "api_tokens"\."name" collate nocase/i)
      const plan = await planOf(page.sql, page.params)
      expect(plan).toMatch(/^SCAN api_tokens USING INDEX api_tokens_name_nocase$/m)
      expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/)
    })
  }
})
