// CRC-32 as zlib computes it (IEEE 802.3, reflected polynomial 0xEDB88320).
const TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()
const utf8 = new TextEncoder()

/**
 * CRC-32 of a string's UTF-8 bytes, as an unsigned 32-bit integer.
 *
 * @example
 * crc32('123456789') // 0xcbf43926
 */
export function crc32(text: string): number {
  const bytes = utf8.encode(text)
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
