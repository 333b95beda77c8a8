// React 19: every property and attribute of <api-token-settings>, every event with its
// detail type, and the parts; wrong types do not compile.
import { useRef } from 'react'
import type {} from 'tollgate/elements/react'
import type { ApiTokenSettings, ApiTokenTable, Token } from 'tollgate/elements'

const getJwt = async () => 'jwt'
const token = {} as Token

export function ApiTokensPage() {
  const ref = useRef<ApiTokenSettings>(null)
  const tableRef = useRef<ApiTokenTable>(null)
  return (
    <>
      <api-token-settings
        ref={ref}
        id="tokens"
        className="settings"
        style={{ maxWidth: 960 }}
        api-base="https://gate.example.com"
        apiBase="https://gate.example.com"
        auth-endpoint="/admin/tollgate-token"
        authEndpoint="/admin/tollgate-token"
        getAuthToken={getJwt}
        theme="dark"
        locale="de"
        strings={{ heading: 'API-Schlüssel' }}
        onapi-token-created={(e) => e.detail.accessKey.toUpperCase()}
        onapi-token-updated={(e) => e.detail.token.name}
        onapi-token-deleted={(e) => e.detail.token.id.toFixed()}
        onapi-token-regenerated={(e) => [e.detail.token.keyHint, e.detail.accessKey]}
        onapi-token-error={(e) => e.detail.error.message}
        onapi-token-session-expired={(e) => e.type}
        onapi-token-leave={(e) => e.detail.reason === 'back' && e.preventDefault()}
      />
      {/* @ts-expect-error: a theme is light or dark */}
      <api-token-settings theme="blue" />
      {/* @ts-expect-error: getAuthToken is a function */}
      <api-token-settings getAuthToken="jwt" />
      {/* @ts-expect-error: every string is a string */}
      <api-token-settings strings={{ heading: 2 }} />
      {/* @ts-expect-error: the deleted event carries no key */}
      <api-token-settings onapi-token-deleted={(e) => e.detail.accessKey} />
      {/* @ts-expect-error: the ref is the element's */}
      <api-token-settings ref={tableRef} />

      <api-token-table
        ref={tableRef}
        tokens={[token]}
        total={1}
        page={1}
        page-size={25}
        sort="name"
        direction="asc"
        query=""
        loading={false}
        error=""
        can-update
        can-delete
        show-owner={false}
        owner=""
        locale="fr"
        onapi-token-row-action={(e) => e.detail.action}
        onapi-token-query-change={(e) => e.detail.page + 1}
      />
      {/* @ts-expect-error: tokens are Tokens */}
      <api-token-table tokens={['Website']} />
      <api-token-form token={null} readonly onapi-token-save={(e) => e.detail.draft.name} />
      {/* @ts-expect-error: the draft has no id */}
      <api-token-form onapi-token-save={(e) => e.detail.draft.id} />
      <api-token-usage usage={null} days={30} />
      <api-token-activity
        events={[]}
        page-count={3}
        onapi-token-activity-page={(e) => e.detail.page}
      />
      <api-token-key value="tg_…" onapi-token-key-copy={(e) => e.type} />
      <api-token-permissions type="custom" selected={['api::article.article.find']} />
      {/* @ts-expect-error: not a token type */}
      <api-token-permissions type="admin" />
      <api-token-regenerate-dialog
        unsaved-changes
        onapi-token-dialog-close={(e) => e.detail.confirmed}
      />
      <api-token-delete-dialog token-name="Website" variant="danger" />
    </>
  )
}
