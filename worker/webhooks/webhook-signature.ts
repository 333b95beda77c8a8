const encoder = new TextEncoder()

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('')

/**
 * The `Tollgate-Signature` header for a webhook body, in Stripe's scheme:
 * `t=<unix seconds>,v1=<hex HMAC-SHA-256(secret, "<t>.<body>")>`. The receiver recomputes
 * it over the raw bytes it got and refuses a `t` too far from its own clock (replays).
 *
 * @example
 * const header = await signWebhook(env.WEBHOOK_SECRET, body, Math.floor(Date.now() / 1000))
 */
export async function signWebhook(
  secret: string,
  body: string,
  timestamp: number,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`))
  return `t=${timestamp},v1=${toHex(mac)}`
}
