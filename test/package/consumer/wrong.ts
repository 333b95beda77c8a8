// Wrong uses of every entry point: the typings are real, not `any`, so each line marked ✗
// fails to compile (test/package/package.test.mjs checks exactly these lines fail).
import { createTollgateClient, TollgateApiError } from 'tollgate/client'
import { verifyAssertion } from 'tollgate/origin'
import 'tollgate/elements'

const client = createTollgateClient({ baseUrl: 42, getAuthToken: () => 'jwt' }) // ✗
const sized: number = (await client.tokens.get(1)).name // ✗
const error = new TollgateApiError({ status: 404, name: 'NotFoundError', message: '', details: {} })
const text: boolean = error.message // ✗
const claims = await verifyAssertion(new Request('https://api.example.com/'), { secret: 'x' })
const subject: number = claims.sub // ✗
const settings = document.createElement('api-token-settings')
settings.theme = 'purple' // ✗
settings.getAuthToken = 'jwt' // ✗
export { sized, subject, text }
