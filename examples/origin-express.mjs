// An origin API behind Tollgate, in Express: every /api request must carry a valid
// assertion from the gate; the route reads who asked from `req.tollgate` (docs/origin.md).
import express from 'express'
import { tollgate } from 'tollgate/origin'

/**
 * The example origin: `/api/articles` answers the caller's token and granted actions.
 * @param {{ jwksUrl: string }} options the gate's `/.well-known/jwks.json`
 */
export function createOrigin({ jwksUrl }) {
  const app = express()
  app.use('/api', tollgate({ jwksUrl }))
  app.get('/api/articles', (req, res) => {
    const { sub, typ, act } = req.tollgate
    res.json({ data: [], meta: { token: sub, type: typ, actions: act } })
  })
  return app
}
