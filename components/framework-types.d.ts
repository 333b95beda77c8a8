// Type declarations for hosts: React's JSX and Vue's GlobalComponents.
import type { ApiTokenSettings } from './api-token-settings/api-token-settings'
import type {
  TokenCreatedEvent,
  TokenDeletedEvent,
  TokenErrorEvent,
  TokenRegeneratedEvent,
  TokenUpdatedEvent,
} from './events'

type ApiTokenSettingsAttributes = {
  'api-base'?: string
  'auth-endpoint'?: string
  ref?: unknown
  class?: string
  className?: string
  id?: string
  style?: unknown
  'onapi-token-created'?: (event: TokenCreatedEvent) => void
  'onapi-token-updated'?: (event: TokenUpdatedEvent) => void
  'onapi-token-deleted'?: (event: TokenDeletedEvent) => void
  'onapi-token-regenerated'?: (event: TokenRegeneratedEvent) => void
  'onapi-token-error'?: (event: TokenErrorEvent) => void
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'api-token-settings': ApiTokenSettingsAttributes
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'api-token-settings': new () => {
      $props: {
        'api-base'?: string
        'auth-endpoint'?: string
        getAuthToken?: ApiTokenSettings['getAuthToken']
        'onApi-token-created'?: (event: TokenCreatedEvent) => void
        'onApi-token-updated'?: (event: TokenUpdatedEvent) => void
        'onApi-token-deleted'?: (event: TokenDeletedEvent) => void
        'onApi-token-regenerated'?: (event: TokenRegeneratedEvent) => void
        'onApi-token-error'?: (event: TokenErrorEvent) => void
      }
    }
  }
}

export {}
