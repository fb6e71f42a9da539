// Log input readers (pure TypeScript; Node file/stdin/gzip access is in engine/node/).
export { INPUT_FORMATS, detectFormat, isInputFormatOption, type InputFormat, type InputFormatOption } from './format.js';
export {
  EventParser,
  DEFAULT_MAX_RECORD_CHARS,
  type EventParserOptions,
  type InputProblem,
  type InputRecord,
  type InputStats,
} from './event-parser.js';
export { readEvents, parseEvents } from './read-events.js';
export { flattenEvtx, isEvtxRecord } from './evtx-flatten.js';
export { eventTimestamp, toIsoTime, TIMESTAMP_FIELDS } from './timestamp.js';
