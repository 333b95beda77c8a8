// tollgate/elements in React 19's JSX, through the `tollgate/elements/react` typings.
import type {} from 'tollgate/elements/react'

/** The section, with the host's JWT and a handler for new keys. */
export function ApiTokens({ jwt }: { jwt: () => Promise<string> }) {
  return (
    <api-token-settings
      api-base="https://gate.example.com"
      getAuthToken={jwt}
      theme="light"
      onapi-token-created={(event) => console.log(event.detail.token.name)}
    />
  )
}
