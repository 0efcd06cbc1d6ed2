/** A body read up to a byte limit. */
export interface BodyText {
  /** The body as UTF-8 text, up to the limit. */
  text: string;
  /** True when the body was longer than the limit; `text` is its start. */
  cut: boolean;
}

const DECODER = /* @__PURE__ */ new TextDecoder();

function joined(chunks: Uint8Array[], bytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/** What has been read so far. */
interface Collected {
  chunks: Uint8Array[];
  bytes: number;
}

const decode = (collected: Collected): string =>
  collected.bytes === 0 ? "" : DECODER.decode(joined(collected.chunks, collected.bytes));

/** Reads into `into` until the stream ends (false) or passes `maxBytes` (true: the rest is cancelled). */
async function collect(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  into: Collected,
): Promise<boolean> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    if (into.bytes + value.length > maxBytes) {
      into.chunks.push(value.subarray(0, maxBytes - into.bytes));
      into.bytes = maxBytes;
      reader.cancel().catch(() => {});
      return true;
    }
    into.chunks.push(value);
    into.bytes += value.length;
  }
}

/**
 * Reads `body` until it ends or passes `maxBytes`, then stops (cancelling the rest, so it is never
 * downloaded): memory stays within `maxBytes` plus one chunk, whatever the server sends. Rejects when
 * the stream fails (a connection cut mid-body, bad gzip, the attempt's signal aborting a stalled body).
 */
export async function readBody(
  body: ReadableStream<Uint8Array> | null | undefined,
  maxBytes: number,
): Promise<BodyText> {
  if (!body) return { text: "", cut: false };
  const collected: Collected = { chunks: [], bytes: 0 };
  const cut = await collect(body, maxBytes, collected);
  return { text: decode(collected), cut };
}

/** {@link readBody} as bytes (a binary success body): the first `maxBytes`, and whether there was more. */
export async function readBodyBytes(
  body: ReadableStream<Uint8Array> | null | undefined,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; cut: boolean }> {
  if (!body) return { bytes: new Uint8Array(0), cut: false };
  const collected: Collected = { chunks: [], bytes: 0 };
  const cut = await collect(body, maxBytes, collected);
  return {
    bytes: collected.bytes === 0 ? new Uint8Array(0) : joined(collected.chunks, collected.bytes),
    cut,
  };
}

/**
 * {@link readBody} for an error response, whose status already decides the error: a body that fails
 * part-way gives what arrived before it failed (as a cut body), never an exception.
 */
export async function readErrorBody(response: Response, maxBytes: number): Promise<BodyText> {
  if (!response.body) return { text: "", cut: false };
  const collected: Collected = { chunks: [], bytes: 0 };
  let cut: boolean;
  try {
    cut = await collect(response.body, maxBytes, collected);
  } catch {
    cut = true;
  }
  return { text: decode(collected), cut };
}
