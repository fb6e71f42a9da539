// The contract between rule structure (engine/rule, engine/compile) and value matching (engine/match).
// A detection item is one `field|modifier|...: value(s)` entry of a search identifier, or one keyword list.
import type { Diagnostic, MatchedValue, SigmaEvent } from './api.js';

export interface DetectionItemSpec {
  /** Field as written in the rule, without modifiers; null for a keyword (fieldless) search. */
  field: string | null;
  /** Modifiers as written, in order (e.g. ["base64offset", "contains"]). */
  modifiers: string[];
  /** YAML values; a scalar is passed as a one-element list. Lists are OR unless |all. */
  values: unknown[];
  /** Rule path for diagnostics, e.g. "detection.selection.Image|endswith" or "detection.keywords[2]". */
  path: string;
}

export interface ItemContext {
  file: string;
  /** Rule id or title, for diagnostics. */
  rule?: string;
  /** Values for |expand placeholders (%name% -> list of values). */
  placeholders?: Record<string, string[]>;
  /** Maps a rule field name to the event field to read (logsource variant + field-map profile). */
  fieldMap?: (field: string) => string;
}

export interface CompiledItem {
  /** Evaluates the item on an event: the values that matched (non-empty), or null. Never throws. */
  test(event: SigmaEvent): MatchedValue[] | null;
  /**
   * For a literal prefilter: lower-cased strings of which at least one must occur (as a substring of
   * some field value) whenever this item matches; null when no such set is known (regex, numeric, null, ...).
   */
  requiredLiterals: string[] | null;
  /** Stable text form, e.g. "Image|endswith: '\\powershell.exe'", used by explain(). */
  describe(): string;
}

export type CompileItem = (spec: DetectionItemSpec, ctx: ItemContext) => { item?: CompiledItem; diagnostics: Diagnostic[] };
