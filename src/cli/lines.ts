/**
 * Bytes in, lines out, streaming: any size of input in constant memory. Invalid UTF-8 becomes U+FFFD
 * (the line and its record are kept), a CRLF terminator counts as one, and a last line without a
 * terminator is still a line. `onLine` runs synchronously per line; `afterChunk` is awaited after each
 * chunk, so output can apply backpressure. Each chunk is decoded before the next is asked for, so a
 * source may reuse its buffer.
 */
import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Bytes per read of a file: the fastest size measured. Per-read costs vanish above it, and its string
 * stays a young-generation object; larger chunks become large objects, and cost page faults and GC.
 */
const CHUNK = 1 << 16;

/**
 * A log file, or stdin ('-' or none). A regular file (stdin redirected from one too) is read with
 * blocking reads into one reused buffer, a third of the cost of a stream's fresh buffers; a pipe or a
 * terminal is streamed. Throws when the file cannot be opened.
 */
export function openInput(file: string | undefined): Iterable<Uint8Array> | AsyncIterable<Uint8Array | string> {
  const stdin = file === undefined || file === '-';
  const fd = stdin ? 0 : openSync(file, 'r');
  if (fstatSync(fd).isFile()) return fileChunks(fd, !stdin);
  return stdin ? process.stdin : createReadStream('', { fd });
}

/** Each chunk is the same buffer, refilled: a consumer must be done with one before asking for the next. */
function* fileChunks(fd: number, close: boolean): Generator<Uint8Array> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  try {
    for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null)) yield buffer.subarray(0, n);
  } finally {
    if (close) closeSync(fd);
  }
}

/**
 * Returns false when `accept` refused the first chunk (which is then not read as lines, nor is the rest):
 * a caller that wants only text looks at its first bytes.
 */
export async function eachLine(
  input: Iterable<Uint8Array> | AsyncIterable<Uint8Array | string>,
  onLine: (line: string) => void,
  afterChunk: () => Promise<void>,
  accept: (first: Uint8Array) => boolean = () => true,
): Promise<boolean> {
  // StringDecoder keeps a character split across chunks whole. A chunk of pure ASCII after a clean
  // boundary skips it: one-byte strings decode about five times faster, and most logs are ASCII.
  const decoder = new StringDecoder('utf8');
  let clean = true;
  const decode = (chunk: Uint8Array): string => {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const ascii = isAscii(buffer);
    const text = ascii && clean ? buffer.toString('latin1') : decoder.write(buffer);
    clean = ascii;
    return text;
  };
  const emit = (line: string) => onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
  let carry = '';
  let first = true;
  for await (const chunk of input) {
    if (first && typeof chunk !== 'string' && !accept(chunk)) return false;
    first = false;
    const text = typeof chunk === 'string' ? chunk : decode(chunk);
    let nl = text.indexOf('\n');
    if (nl === -1) {
      carry += text;
      continue;
    }
    // The line that started in an earlier chunk; the rest are split in place, never copied whole.
    emit(carry + text.slice(0, nl));
    let start = nl + 1;
    for (nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      emit(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
    await afterChunk();
  }
  carry += decoder.end();
  if (carry !== '') emit(carry);
  return true;
}
