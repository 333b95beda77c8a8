import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Worker tests run inside workerd against a real local D1, with the same migrations
// wrangler applies (drizzle/). Storage is isolated per test file.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(fileURLToPath(new URL('./drizzle', import.meta.url)))
  return {
    plugins: [
      cloudflareTest({
        // The demo environment: its catalog and demo switch; the test bindings below.
        wrangler: { configPath: './wrangler.toml', environment: 'demo' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            // Property tests: a fixed seed in `npm test`; `npm run fuzz` picks one and runs more.
            FUZZ_SEED: process.env.FUZZ_SEED ?? '20261130',
            FUZZ_RUNS: process.env.FUZZ_RUNS ?? '300',
            TOKEN_PEPPER: 'test-pepper-0123456789abcdef0123456789abcdef',
            ADMIN_JWT_SECRET: 'test-admin-secret-0123456789abcdef0123456789',
            ORIGIN_ASSERTION_SECRET: 'test-assertion-secret-0123456789abcdef012345',
            ORIGIN_URL: 'http://origin.test',
            ALLOWED_ORIGINS: 'https://admin.example.com',
          },
          // [env.demo] binds ORIGIN to the demo origin worker, which tests do not run:
          // a stand-in answers here; gate tests pass their own recording origin.
          serviceBindings: {
            ORIGIN: async (request: Request) =>
              Response.json({ origin: 'vitest', method: request.method, url: request.url }),
          },
        },
      }),
    ],
    // The package's entry points, as the examples and docs import them (SPEC §11).
    resolve: {
      alias: {
        'tollgate/origin': fileURLToPath(new URL('./origin/index.ts', import.meta.url)),
        'tollgate/worker': fileURLToPath(new URL('./worker/tollgate.ts', import.meta.url)),
      },
    },
    test: {
      include: ['test/worker/**/*.test.ts'],
      // openapi-hook.ts checks every answer against GET /openapi.json (SPEC §11).
      setupFiles: ['./test/worker/apply-migrations.ts', './test/worker/openapi-hook.ts'],
    },
  }
})
