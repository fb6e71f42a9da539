// Opens a log input (file path, or "-" / none for stdin) as a byte stream; gzip is detected by its
// magic bytes and decompressed on the fly. Reports compressed bytes read, for progress bars.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const STDIN_NAME = '<stdin>';

export interface OpenedInput {
  /** The name to show and record in alert sources: the path as given, or "<stdin>". */
  name: string;
  /** Size on disk (compressed), when known (regular files). */
  size?: number;
  /** Decompressed byte chunks. */
  chunks: AsyncIterable<Uint8Array>;
  /** Raw bytes read so far (before decompression); grows while `chunks` is consumed. */
  bytesRead(): number;
  /** True once the first bytes showed gzip. */
  gzip(): boolean;
}

/** Thrown for inputs that cannot be used at all (missing, a directory, unreadable). */
export class InputError extends Error {}

/** Checks that `file` exists, is a regular file (or FIFO) and returns its size. */
export async function checkInputFile(file: string): Promise<number | undefined> {
  let st;
  try {
    st = await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read input ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (st.isDirectory()) throw new InputError(`input ${file} is a directory, not a log file`);
  return st.isFile() ? st.size : undefined;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Opens `file` (or stdin for "-" / undefined). Chunks are 256 KiB; a read error surfaces as an
 * exception from the iteration, with the file named.
 */
export async function openInput(file: string | undefined, options: { stdin?: NodeJS.ReadableStream } = {}): Promise<OpenedInput> {
  const isStdin = file === undefined || file === '-';
  const name = isStdin ? STDIN_NAME : file;
  const size = isStdin ? undefined : await checkInputFile(file);
  const raw: NodeJS.ReadableStream = isStdin
    ? (options.stdin ?? process.stdin)
    : createReadStream(file, { highWaterMark: 256 * 1024 });
  let read = 0;
  let gz = false;

  async function* rawChunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of raw as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      read += bytes.length;
      yield bytes;
    }
  }

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const it = rawChunks();
    let first = await it.next();
    // Gather at least two bytes to look for the gzip magic.
    let head: Uint8Array[] = [];
    let headLen = 0;
    while (!first.done) {
      head.push(first.value);
      headLen += first.value.length;
      if (headLen >= 2) break;
      first = await it.next();
    }
    if (headLen === 0) return;
    const start = head.length === 1 ? head[0] : Buffer.concat(head);
    head = [];
    gz = start[0] === GZIP_MAGIC_0 && start[1] === GZIP_MAGIC_1;
    if (!gz) {
      yield start;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      return;
    }
    async function* compressed(): AsyncGenerator<Uint8Array> {
      yield start;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    }
    const gunzip = createGunzip();
    // pipeline (unlike pipe) forwards a read error of the source to gunzip, so the loop below throws.
    pipeline(Readable.from(compressed()), gunzip, () => {});
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
    } catch (err) {
      throw new InputError(`${name}: gzip data is corrupt or truncated (${(err as Error).message})`);
    }
  }

  return { name, size, chunks: chunks(), bytesRead: () => read, gzip: () => gz };
}
