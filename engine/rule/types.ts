// The typed model of a Sigma file's documents: detection rules, and the correlation and filter
// meta-rules (recognised and kept for the correlation engine, not run yet).
import type { Level, Status } from '../api.js';
import type { ConditionNode } from '../condition/ast.js';
import type { DetectionItemSpec } from '../detection-item.js';

export const RELATED_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const;
export type RelatedType = (typeof RELATED_TYPES)[number];

/** The rule logsource: category, product, service (lower case by spec), definition and any extra keys. */
export interface Logsource {
  category?: string;
  product?: string;
  service?: string;
  definition?: string;
  [key: string]: string | undefined;
}

/**
 * A search identifier's structure: a map is `all` (AND) of its items, a list of maps is `any` (OR),
 * a list of plain values is one keyword item (OR of its values, AND with `|all`).
 */
export type SearchNode =
  | { kind: 'all'; nodes: SearchNode[] }
  | { kind: 'any'; nodes: SearchNode[] }
  | { kind: 'item'; spec: DetectionItemSpec; line?: number };

export interface SearchIdentifier {
  name: string;
  node: SearchNode;
  line?: number;
}

export interface Detection {
  /** Search identifiers in the order written. */
  searches: SearchIdentifier[];
  /** The condition text(s) as written; a list is the OR of its conditions. */
  conditionText: string[];
  /** Parsed condition; a list condition becomes one `or` node. */
  condition: ConditionNode;
}

/** Where a document came from. */
export interface DocumentOrigin {
  file: string;
  /** 0-based index of the document in the file. */
  document: number;
  /** 1-based line where the document starts. */
  line: number;
}

export interface Rule extends DocumentOrigin {
  kind: 'rule';
  title: string;
  id?: string;
  name?: string;
  status?: Status;
  level?: Level;
  description?: string;
  author?: string;
  license?: string;
  references: string[];
  tags: string[];
  date?: string;
  modified?: string;
  logsource: Logsource;
  detection: Detection;
  falsepositives: string[];
  fields: string[];
  related: { id: string; type: RelatedType }[];
  scope: string[];
  taxonomy?: string;
  /** Attributes outside the spec, kept as written (the spec allows arbitrary custom fields). */
  custom: Record<string, unknown>;
}

/** A correlation meta-rule (`correlation:` key), kept as written for the correlation engine. */
export interface CorrelationDocument extends DocumentOrigin {
  kind: 'correlation';
  title?: string;
  id?: string;
  name?: string;
  level?: string;
  /** The `correlation` section as written: type, rules, group-by, timespan, condition, ... */
  correlation: Record<string, unknown>;
  raw: Record<string, unknown>;
  /** The document's own text (for locating keys: engine/correlation reports lines from it). */
  text?: string;
}

/** A global filter (`filter:` key), kept as written for a later filter stage. */
export interface FilterDocument extends DocumentOrigin {
  kind: 'filter';
  title?: string;
  id?: string;
  logsource?: Logsource;
  /** The `filter` section as written: rules, selection(s), condition. */
  filter: Record<string, unknown>;
  raw: Record<string, unknown>;
  /** Rules the filter applies to (ids or names), or "any": every rule of its logsource. */
  rules?: string[] | 'any';
  /**
   * The filter's search identifiers and condition; absent when the filter is malformed (then it is
   * not applied). As in pySigma, a filtered rule's condition becomes `(rule) and (filter condition)`,
   * so a filter that removes matches is written `condition: not selection`.
   */
  detection?: Detection;
}

export type SigmaDocument = Rule | CorrelationDocument | FilterDocument;
