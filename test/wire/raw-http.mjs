// HTTP/1.1 over a bare TCP socket, for the wire suite: the test chooses every byte of the
// request (framing, header case, a body without Content-Length), which no HTTP client lets
// it do, and reads the answers as they come back on that one connection.
import { connect } from 'node:net'

/**
 * One response as it came over the wire: the status, the headers (names in lower case,
 * repeated ones joined with `, `) and the body as text (de-chunked).
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} RawResponse
 */

const HEAD_END = Buffer.from('\r\n\r\n')
const LINE_END = Buffer.from('\r\n')

/**
 * The chunked body starting at `offset`, and where it ends; `undefined` while incomplete.
 * @param {Buffer} buffer
 * @param {number} offset
 * @returns {{ body: Buffer, end: number } | undefined}
 */
function readChunked(buffer, offset) {
  const parts = []
  for (let at = offset; ;) {
    const sizeEnd = buffer.indexOf(LINE_END, at)
    if (sizeEnd < 0) return undefined
    const size = parseInt(buffer.subarray(at, sizeEnd).toString('latin1'), 16)
    if (size === 0) {
      // No trailers are expected: the last chunk's line is followed by an empty line.
      const end = buffer.indexOf(LINE_END, sizeEnd + 2)
      return end < 0 ? undefined : { body: Buffer.concat(parts), end: end + 2 }
    }
    if (buffer.length < sizeEnd + 2 + size + 2) return undefined
    parts.push(buffer.subarray(sizeEnd + 2, sizeEnd + 2 + size))
    at = sizeEnd + 2 + size + 2
  }
}

/**
 * The response starting at `offset` and where it ends, or `undefined` while incomplete
 * (a body without length ends with the connection: only complete once `closed`).
 * Interim (1xx) responses are skipped.
 * @param {Buffer} buffer
 * @param {number} offset
 * @param {boolean} closed
 * @returns {{ response: RawResponse, end: number } | undefined}
 */
function readResponse(buffer, offset, closed) {
  const headEnd = buffer.indexOf(HEAD_END, offset)
  if (headEnd < 0) return undefined
  const [statusLine, ...lines] = buffer.subarray(offset, headEnd).toString('latin1').split('\r\n')
  const status = Number(statusLine.split(' ')[1])
  /** @type {Record<string, string>} */
  const headers = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  const bodyStart = headEnd + HEAD_END.length
  if (status >= 100 && status < 200) return readResponse(buffer, bodyStart, closed)
  let body
  let end
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const chunked = readChunked(buffer, bodyStart)
    if (!chunked) return undefined
    ;({ body, end } = chunked)
  } else if (headers['content-length'] !== undefined || status === 204 || status === 304) {
    end = bodyStart + Number(headers['content-length'] ?? 0)
    if (buffer.length < end) return undefined
    body = buffer.subarray(bodyStart, end)
  } else {
    if (!closed) return undefined
    end = buffer.length
    body = buffer.subarray(bodyStart)
  }
  return { response: { status, headers, body: body.toString('utf8') }, end }
}

/**
 * Opens one connection to `127.0.0.1:port`, writes `bytes` exactly as given — one request,
 * or several pipelined on the keep-alive connection — and reads up to `responses`
 * responses. Resolves with those read once that many have arrived, the server has closed
 * the connection, or `timeoutMs` has passed with no complete answer: fewer responses than
 * requests is a result for the caller to judge, not an error. (Not for `HEAD`: its answer
 * would be read as having the body its `Content-Length` announces.)
 *
 * @example
 * const [response] = await sendRaw(
 *   8787,
 *   'POST /admin/api-tokens/1/regenerate HTTP/1.1\r\nHost: localhost\r\n' +
 *     'Authorization: Bearer …\r\n\r\n',
 * )
 * response.status // 201
 *
 * @param {number} port
 * @param {string | Buffer} bytes
 * @param {{ responses?: number, timeoutMs?: number }} [options]
 * @returns {Promise<RawResponse[]>}
 */
export function sendRaw(port, bytes, { responses = 1, timeoutMs = 5_000 } = {}) {
  return new Promise((resolve, reject) => {
    /** @type {RawResponse[]} */
    const read = []
    let buffer = Buffer.alloc(0)
    let offset = 0
    const socket = connect({ host: '127.0.0.1', port })
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(read)
    }
    const timer = setTimeout(finish, timeoutMs)
    /** @param {boolean} closed */
    const parse = (closed) => {
      for (let next; read.length < responses;) {
        next = readResponse(buffer, offset, closed)
        if (!next) break
        read.push(next.response)
        offset = next.end
      }
      if (read.length >= responses || closed) finish()
    }
    let connected = false
    socket.on('connect', () => {
      connected = true
      socket.write(bytes)
    })
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data])
      parse(false)
    })
    socket.on('end', () => parse(true))
    socket.on('error', (error) => {
      // A reset by the server ends the exchange like a close; no connection at all fails.
      if (connected) return finish()
      clearTimeout(timer)
      reject(error)
    })
  })
}
