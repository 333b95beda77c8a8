// docs/components.md's React 19 example, verbatim: compiled by `tsc -p test/types` in
// `npm test` against the generated typings (scripts/check-docs.mjs checks the excerpt).
import type {} from 'tollgate/elements/react'
import { useEffect, useRef } from 'react'
import type { ApiTokenSettings } from 'tollgate/elements'

export function ApiTokensPage({ getJwt }: { getJwt: () => Promise<string> }) {
  const ref = useRef<ApiTokenSettings>(null)
  useEffect(() => {
    if (ref.current) ref.current.getAuthToken = getJwt
  }, [getJwt])
  return (
    <api-token-settings
      ref={ref}
      api-base="https://gate.example.com"
      onapi-token-created={(e) => console.log('created', e.detail.token.name)}
    />
  )
}
