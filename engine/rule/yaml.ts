// YAML loading for rule and mapping files: a multi-document file is split into its documents first,
// so one document with a syntax error does not hide the others, and every document knows the line
// it starts on.
import yaml from 'js-yaml';

/**
 * A number in a rule keeps its text when the text would not survive a round trip: `0x17`, `0010`,
 * `1.0` and `1e3` stay strings (log fields hold them as text), `4688` and `-1.5` become numbers.
 * Dates stay strings (no timestamp type) and there are no merge keys, as in the Sigma JSON schema.
 */
const sigmaNumber = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string) => /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(data) && String(Number(data)) === data,
  construct: (data: string) => Number(data),
  predicate: (object: unknown) => typeof object === 'number',
  represent: (object: object) => String(object),
});

// js-yaml 4 exports its built-in types at runtime; @types/js-yaml does not declare them.
const builtin = (yaml as unknown as { types: Record<'null' | 'bool', yaml.Type> }).types;

export const SIGMA_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [builtin.null, builtin.bool, sigmaNumber],
});

export interface YamlDocument {
  /** 0-based index of the document within the file (empty documents are not counted). */
  index: number;
  /** 1-based line of the document's first line in the file. */
  startLine: number;
  /** The document's own text. */
  text: string;
  /** Parsed value, when the document is valid YAML. */
  value?: unknown;
  /** Syntax error, with its 1-based line in the file. */
  error?: { message: string; line?: number };
}

const SEPARATOR = /^---(?=\s|$)/;
const DOCUMENT_END = /^\.\.\.\s*$/;

/** Splits a YAML stream into documents at top-level `---` lines and loads each one separately. */
export function loadYamlDocuments(text: string): YamlDocument[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const chunks: { startLine: number; lines: string[] }[] = [];
  let current = { startLine: 1, lines: [] as string[] };
  lines.forEach((line, i) => {
    if (SEPARATOR.test(line)) {
      chunks.push(current);
      // Content after `---` on the same line belongs to the new document.
      current = { startLine: i + 1, lines: [line.slice(3)] };
    } else if (DOCUMENT_END.test(line)) {
      chunks.push(current);
      current = { startLine: i + 2, lines: [] };
    } else {
      current.lines.push(line);
    }
  });
  chunks.push(current);

  const documents: YamlDocument[] = [];
  for (const chunk of chunks) {
    const body = chunk.lines.join('\n');
    if (!hasContent(chunk.lines)) continue;
    const doc: YamlDocument = { index: documents.length, startLine: chunk.startLine, text: body };
    try {
      doc.value = yaml.load(body, { schema: SIGMA_YAML_SCHEMA });
    } catch (err) {
      const e = err as { reason?: string; message?: string; mark?: { line?: number } };
      doc.error = {
        message: e.reason ?? e.message ?? String(err),
        line: typeof e.mark?.line === 'number' ? chunk.startLine + e.mark.line : undefined,
      };
    }
    documents.push(doc);
  }
  return documents;
}

function hasContent(lines: string[]): boolean {
  return lines.some((l) => {
    const t = l.trim();
    return t !== '' && !t.startsWith('#') && !t.startsWith('%');
  });
}

/**
 * Finds the 1-based line (in the file) of a key path such as ["detection", "selection", "Image|endswith"]
 * by scanning the document's text: each key must appear deeper than, and after, its parent. A cheap
 * scan, not a YAML parser: returns the deepest key it could locate, or undefined.
 */
export function findKeyLine(doc: Pick<YamlDocument, 'text' | 'startLine'>, keys: string[]): number | undefined {
  const lines = scanLines(doc);
  let from = 0;
  let parentIndent = -1;
  let found: number | undefined;
  for (const key of keys) {
    let hit = -1;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i];
      if (line.key === undefined) {
        if (line.blocks && line.indent <= parentIndent) break;
        continue;
      }
      if (line.indent <= parentIndent && !line.dash) break;
      // A top-level key starts at column 0 (a nested key of the same name is not it).
      if (parentIndent < 0 && line.indent !== 0) continue;
      if (line.key === key) {
        hit = i;
        parentIndent = line.indent;
        break;
      }
    }
    if (hit < 0) break;
    found = doc.startLine + hit;
    from = hit + 1;
  }
  return found;
}

interface LineInfo {
  /** The map key the line starts with, if any. */
  key?: string;
  /** Indent of the key (a `- ` list marker counts as indentation). */
  indent: number;
  /** The key follows a `- ` list marker. */
  dash: boolean;
  /** A non-key content line, which ends a parent block when it is not indented deeper. */
  blocks: boolean;
}

// Indent and list marker are matched atomically (lookahead + backreference) and a plain key cannot
// cross a colon, so the scan stays linear on long lines.
const KEY_LINE = /^(?=( *))\1(?:(?=(- +))\2)?(?:'([^']*)'|"([^"]*)"|([^\s'"#\-][^:]*?))\s*:(?:\s|$)/;
/** Line scans per document text, computed once (findKeyLine is called for every detection item). */
const scanCache = new Map<string, LineInfo[]>();
const SCAN_CACHE_MAX = 64;

function scanLines(doc: Pick<YamlDocument, 'text'>): LineInfo[] {
  const cached = scanCache.get(doc.text);
  if (cached) return cached;
  const infos = doc.text.split('\n').map((line): LineInfo => {
    const m = KEY_LINE.exec(line);
    if (m) return { key: m[3] ?? m[4] ?? m[5], indent: m[1].length + (m[2]?.length ?? 0), dash: m[2] !== undefined, blocks: false };
    const trimmed = line.trim();
    return { indent: indentOf(line), dash: false, blocks: trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('-') };
  });
  if (scanCache.size >= SCAN_CACHE_MAX) scanCache.delete(scanCache.keys().next().value as string);
  scanCache.set(doc.text, infos);
  return infos;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
