// Async streaming over EventParser: bytes or text chunks in, events out.
import { EventParser, type EventParserOptions, type InputRecord } from './event-parser.js';

/**
 * Streams the events of one input. Chunks may be bytes (decoded as UTF-8, split characters across
 * chunks handled) or strings. Memory stays bounded by the chunk size and the longest record.
 * Pass your own `parser` to read its `stats` and detected `format` afterwards.
 */
export async function* readEvents(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: EventParserOptions,
  parser: EventParser = new EventParser(options),
): AsyncGenerator<InputRecord> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const records = parser.push(text);
    for (let i = 0; i < records.length; i++) yield records[i];
  }
  const rest = decoder.decode();
  if (rest !== '') yield* parser.push(rest);
  yield* parser.end();
}

/** All events of an in-memory text (the browser's "test this rule on these events" panel). */
export function parseEvents(text: string, options: EventParserOptions): { records: InputRecord[]; parser: EventParser } {
  const parser = new EventParser(options);
  const records = parser.push(text);
  for (const r of parser.end()) records.push(r);
  return { records, parser };
}
