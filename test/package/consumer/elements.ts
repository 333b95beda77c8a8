// tollgate/elements, as a host page registers and configures them (SPEC §5, §11).
import 'tollgate/elements'
import type { ApiTokenSettings, Token } from 'tollgate/elements'

const settings: ApiTokenSettings = document.createElement('api-token-settings')
settings.apiBase = 'https://gate.example.com'
settings.getAuthToken = async () => 'jwt'
settings.theme = 'dark'
settings.addEventListener('api-token-created', (event) => {
  const token: Token = event.detail.token
  const key: string = event.detail.accessKey
  console.log(token.name, key.length)
})
document.body.append(settings)
