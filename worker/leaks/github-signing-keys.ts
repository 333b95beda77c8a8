import { z } from 'zod'
import { ApiError } from '../http/api-error'

/** How long a fetched key list is trusted (SPEC §12: an hour). */
const KEYS_TTL_MS = 3_600_000
/**
 * An unknown identifier fetches the list again at most this often: a new GitHub key is
 * picked up on its first alert, and made-up identifiers cannot make every request a fetch.
 */
const REFETCH_GAP_MS = 60_000

/** GitHub's `GET /meta/public_keys/secret_scanning`. */
const publicKeysSchema = z.object({
  public_keys: z.array(
    z.object({ key_identifier: z.string(), key: z.string(), is_current: z.boolean().optional() }),
  ),
})

interface KeyList {
  keys: Map<string, CryptoKey>
  fetchedAt: number
}

/** One keys URL's state in this isolate. */
interface KeySource {
  list?: KeyList
  loading?: Promise<KeyList>
  /** When an unknown identifier last made it fetch again. */
  refetchedAt: number
}

const sources = new Map<string, KeySource>()

/** A PEM SPKI P-256 public key, for verifying. */
function importPem(pem: string): Promise<CryptoKey> {
  const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----|\s/g, '')
  const der = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
  return crypto.subtle.importKey('spki', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ])
}

async function fetchKeyList(url: string, now: number): Promise<KeyList> {
  // GitHub's API refuses a request without a User-Agent.
  const response = await fetch(url, {
    headers: { Accept: 'application/json', 'User-Agent': 'tollgate' },
  })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  const parsed = publicKeysSchema.safeParse(await response.json())
  if (!parsed.success) throw new Error(`${url} did not answer GitHub's key list`)
  const keys = new Map<string, CryptoKey>()
  for (const { key_identifier: id, key } of parsed.data.public_keys) {
    try {
      keys.set(id, await importPem(key))
    } catch {
      console.error(`[tollgate] GitHub signing key ${id} is not a P-256 public key: skipped`)
    }
  }
  return { keys, fetchedAt: now }
}

/** Fetches `url`'s list once for every caller waiting on it, and keeps it. */
function load(source: KeySource, url: string, now: number): Promise<KeyList> {
  source.loading ??= fetchKeyList(url, now)
    .then((list) => (source.list = list))
    .finally(() => {
      source.loading = undefined
    })
  return source.loading
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * The public key GitHub signed an alert with, by its `Github-Public-Key-Identifier`, from
 * the list at `url` (SPEC §12): fetched on first use and kept an hour per isolate; an
 * identifier not in it fetches the list once more (at most once a minute), so a rotated
 * key is picked up on its first alert. `undefined` for an identifier GitHub does not
 * list. Without any list (GitHub unreachable on the first fetch) a 503: the alert cannot
 * be judged, and GitHub sends it again.
 *
 * @example
 * const key = await githubSigningKey(settings.githubSecretScanningKeysUrl, identifier, Date.now())
 */
export async function githubSigningKey(
  url: string,
  identifier: string,
  now: number,
): Promise<CryptoKey | undefined> {
  let source = sources.get(url)
  if (!source) sources.set(url, (source = { refetchedAt: -Infinity }))
  let list = source.list
  let fresh = false
  if (!list || now - list.fetchedAt >= KEYS_TTL_MS || now < list.fetchedAt) {
    try {
      list = await load(source, url, now)
      fresh = true
    } catch (error) {
      console.error('[tollgate] GitHub signing keys not fetched', messageOf(error))
      // An expired list still names the keys it named: better than refusing every alert.
      if (!list) throw new ApiError(503, 'GitHub’s signing keys are unavailable')
    }
  }
  const key = list.keys.get(identifier)
  if (key || fresh || now - source.refetchedAt < REFETCH_GAP_MS) return key
  source.refetchedAt = now
  try {
    list = await load(source, url, now)
  } catch (error) {
    console.error('[tollgate] GitHub signing keys not fetched', messageOf(error))
    return undefined
  }
  return list.keys.get(identifier)
}
