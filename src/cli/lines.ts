/**
 * Bytes in, lines out, streaming: any size of input in constant memory. Invalid UTF-8 becomes U+FFFD
 * (the line and its record are kept), a CRLF terminator counts as one, and a last line without a
 * terminator is still a line. `onLine` runs synchronously per line, and the returned promise of each
 * chunk is awaited, so output can apply backpressure.
 */
export async function eachLine(input: AsyncIterable<Uint8Array | string>, onLine: (line: string) => void, afterChunk: () => Promise<void>): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  const emit = (text: string, start: number, end: number) => onLine(end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
  for await (const chunk of input) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      emit(text, start, nl);
      start = nl + 1;
    }
    carry = start === 0 ? text : text.slice(start);
    await afterChunk();
  }
  carry += decoder.decode();
  if (carry !== '') emit(carry, 0, carry.length);
}
