import { Hono } from 'hono'
import { html } from 'hono/html'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'

/**
 * The demo host admin panel at `/` (only with `DEMO=true`): a plain page that looks like
 * a small admin UI, embeds `<api-token-settings>` from `/components/tollgate.js` and
 * signs in through `POST /admin/demo/login`, as a real host would with its own backend.
 *
 * Its Workspace switcher (SPEC §8) signs in again as a scoped admin of Acme or Globex
 * (`{"owner": "acme"}`) or as the operator (no owner), remembers the choice for the tab
 * (sessionStorage) and puts a fresh section in place of the old one — after asking, through
 * the section's `requestLeave()`, when the old one holds a key never copied or unsaved edits.
 */
export const demoPage = new Hono<AppEnv>().get('/', (c) => {
  if (!c.var.settings.demo) throw new ApiError(404, 'Not Found')
  const origin = new URL(c.req.url).origin
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>API Tokens · Acme Admin (Tollgate demo)</title>
          <script type="module" src="/components/tollgate.js"></script>
          <style>
            body {
              margin: 0;
              font-family:
                system-ui,
                -apple-system,
                'Segoe UI',
                sans-serif;
              color: #212134;
              background: #f6f6f9;
              display: grid;
              grid-template-columns: 15rem 1fr;
              min-height: 100vh;
            }
            nav {
              background: #212134;
              color: #fff;
              padding: 1.5rem 1rem;
            }
            nav strong {
              display: block;
              margin-bottom: 1.5rem;
              font-size: 1.125rem;
            }
            nav ul {
              list-style: none;
              margin: 0;
              padding: 0;
            }
            nav li {
              padding: 0.4rem 0.5rem;
              border-radius: 4px;
              color: #c0c0cf;
            }
            nav li.group {
              color: #fff;
              font-weight: 600;
              margin-top: 1rem;
            }
            .workspace {
              display: grid;
              gap: 0.25rem;
              margin-bottom: 1.5rem;
              font-size: 0.875rem;
              color: #c0c0cf;
            }
            .workspace select {
              font: inherit;
              padding: 0.3rem;
              border-radius: 4px;
            }
            .workspace select:focus-visible {
              outline: 2px solid #7b79ff;
              outline-offset: 2px;
            }
            nav li[aria-current='page'] {
              background: #4945ff;
              color: #fff;
            }
            main {
              padding: 2rem 3rem;
            }
            .breadcrumb {
              color: #666687;
              margin: 0 0 1.5rem;
            }
            aside {
              margin-top: 2rem;
              padding: 1rem 1.25rem;
              background: #fff;
              border: 1px solid #dcdce4;
              border-radius: 4px;
            }
            code {
              font-family: ui-monospace, monospace;
              font-size: 0.875em;
              overflow-wrap: anywhere;
            }
            main {
              min-width: 0;
            }
            /* A phone: the sidebar becomes a bar above the page. */
            @media (max-width: 720px) {
              body {
                grid-template-columns: 1fr;
                grid-template-rows: auto 1fr;
              }
              nav {
                padding: 0.75rem 1rem;
              }
              nav strong {
                margin: 0;
              }
              .workspace {
                margin: 0.5rem 0 0;
              }
              nav ul {
                display: none;
              }
              main {
                padding: 1rem;
              }
            }
            /* The host follows the user's theme, as the section does. */
            :root {
              color-scheme: light dark;
            }
            @media (prefers-color-scheme: dark) {
              body {
                color: #eaeaef;
                background: #181826;
              }
              .breadcrumb {
                color: #a5a5ba;
              }
              aside {
                background: #212134;
                border-color: #4a4a6a;
              }
            }
          </style>
        </head>
        <body>
          <nav aria-label="Admin">
            <strong>Acme Admin</strong>
            <label class="workspace">
              Workspace
              <select id="workspace" name="workspace">
                <option value="">Operator view</option>
                <option value="acme">Acme</option>
                <option value="globex">Globex</option>
              </select>
            </label>
            <ul>
              <li>Content Manager</li>
              <li>Media Library</li>
              <li class="group">Settings</li>
              <li>Global settings</li>
              <li aria-current="page">API Tokens</li>
              <li>Webhooks</li>
            </ul>
          </nav>
          <main>
            <p class="breadcrumb">Settings › Global settings › API Tokens</p>
            <api-token-settings></api-token-settings>
            <aside>
              <strong>Try a key against the demo API</strong> (articles and categories, behind the
              gate):
              <p>
                <code>curl -i ${origin}/api/articles -H "Authorization: Bearer &lt;key&gt;"</code>
              </p>
              <p>
                <code
                  >curl -i ${origin}/graphql -H "Authorization: Bearer &lt;key&gt;" -H
                  'Content-Type: application/json' -d '{"query":"{ articles { id title } }"}'</code
                >
              </p>
            </aside>
          </main>
          <script type="module">
            // A real host mints a short-lived admin JWT on its backend; the demo asks the
            // worker's demo login and keeps the JWT until shortly before it expires. The
            // workspace picks the JWT's owner claim: a scoped admin, or the operator (none).
            const switcher = document.getElementById('workspace')
            const remembered = sessionStorage.getItem('tollgate-demo-workspace') ?? ''
            switcher.value = [...switcher.options].some((o) => o.value === remembered)
              ? remembered
              : ''
            function signIn(owner) {
              let jwt
              let expires = 0
              return async () => {
                if (!jwt || Date.now() > expires - 60_000) {
                  const response = await fetch('/admin/demo/login', {
                    method: 'POST',
                    ...(owner
                      ? {
                          headers: { 'Content-Type': 'application/json' },
                          body: JSON.stringify({ owner }),
                        }
                      : {}),
                  })
                  jwt = (await response.json()).data.token
                  expires = JSON.parse(atob(jwt.split('.')[1])).exp * 1000
                }
                return jwt
              }
            }
            document.querySelector('api-token-settings').getAuthToken = signIn(switcher.value)
            // Another workspace is another admin: a fresh section, with its own permissions.
            let workspace = switcher.value
            let wanted = workspace
            function switchTo(owner) {
              workspace = switcher.value = owner
              sessionStorage.setItem('tollgate-demo-workspace', owner)
              const section = document.createElement('api-token-settings')
              section.getAuthToken = signIn(owner)
              document.querySelector('api-token-settings').replaceWith(section)
            }
            // The switch waits while the section holds a key never copied or unsaved edits:
            // requestLeave() asks the admin, and "Leave" there (api-token-leave) switches.
            switcher.addEventListener('change', () => {
              wanted = switcher.value
              switcher.value = workspace
              const settings = document.querySelector('api-token-settings')
              if (!settings.requestLeave()) return
              switchTo(wanted)
            })
            document.addEventListener('api-token-leave', (event) => {
              if (event.detail.reason === 'host') switchTo(wanted)
            })
          </script>
        </body>
      </html>`,
  )
})
