/**
 * Reads a body whole, at most `limit` bytes: past it (as declared by `Content-Length` or
 * as streamed, whatever the header said) `tooLarge()` is thrown and the stream cancelled.
 * For bodies the worker must judge before passing on — a GraphQL document, an optional
 * admin body — where streaming untouched is not an option.
 *
 * @example
 * const bytes = await readLimitedBytes(request, 64 * 1024, () => new ApiError(413, 'Too large'))
 */
export async function readLimitedBytes(
  request: Request,
  limit: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const declared = request.headers.get('Content-Length')
  if (Number(declared ?? '0') > limit) throw tooLarge()
  if (!request.body) return new Uint8Array()
  if (declared !== null) {
    // A declared length within the limit: the runtime delivers no more than that, so the
    // body is read in one native step (checked again for an in-process Request).
    const bytes = new Uint8Array(await request.arrayBuffer())
    if (bytes.byteLength > limit) throw tooLarge()
    return bytes
  }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(read.value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
