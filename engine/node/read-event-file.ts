// Events of a log file (or stdin) in one call: open (gzip-aware) + parse + flatten, streamed.
import { EventParser, readEvents, type EventParserOptions, type InputRecord } from '../input/index.js';
import { openInput, type OpenedInput } from './open-input.js';

export interface EventFileReader {
  /** The opened input (name, size, bytes read so far, gzip). */
  input: OpenedInput;
  /** The parser: its `stats` (events, malformed, blank, lines) and detected `format`. */
  parser: EventParser;
  /** The events, streamed with bounded memory; read errors (missing file, corrupt gzip) throw from here. */
  records: AsyncGenerator<InputRecord>;
}

/**
 * Opens `file` ("-" or undefined: stdin) for reading events. Sources name the file as given.
 * Throws InputError at once for a missing or unusable path.
 */
export async function openEventFile(file: string | undefined, options: Omit<EventParserOptions, 'file'> = {}): Promise<EventFileReader> {
  const input = await openInput(file);
  const parser = new EventParser({ ...options, file: input.name });
  return { input, parser, records: readEvents(input.chunks, { ...options, file: input.name }, parser) };
}
