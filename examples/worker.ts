// A team's own Worker with Tollgate inside it (SPEC §11 `tollgate/worker`): its own routes
// answer first, and everything else — the admin API, the JWKS, the gate in front of the
// origin — is Tollgate's. Deployed with the same bindings as Tollgate (docs/deploying.md).
import { Hono } from 'hono'
import { createTollgate, type TollgateBindings } from 'tollgate/worker'

const tollgate = createTollgate()
const app = new Hono<{ Bindings: TollgateBindings }>()

// Routes of your own, never judged by the gate:
app.get('/healthz', (c) => c.text('ok'))
app.get('/team', (c) => c.json({ team: 'Acme API platform', contact: 'api@acme.example' }))

// Everything else goes to Tollgate.
app.all('*', (c) => tollgate.fetch(c.req.raw, c.env, c.executionCtx))

export default {
  fetch: app.fetch,
  scheduled: tollgate.scheduled,
  queue: tollgate.queue,
} satisfies ExportedHandler<TollgateBindings>
