// The engine's entry point for the CLI and the server: rule files -> a compiled, routed rule set that
// turns each event into hits. Loading reports every problem as data; matching never throws.
import type { Diagnostic, Hit, Level, RuleMeta, RuleSource, SigmaEvent } from './api.js';
import { LEVELS } from './api.js';
import { compileDetection, withFilters, type CompiledDetection } from './compile/index.js';
import { LiteralPrefilter } from './compile/prefilter.js';
import { diag } from './diagnostics.js';
import { LogsourceRouter, profileConditions, resolveVariants, variantFieldMap, type FieldMapProfile, type LogsourceEntry, type LogsourceMapping } from './logsource/index.js';
import { compileItem } from './match/index.js';
import { compileCorrelations, correlationsFromLevel, referencedRuleKeys, type CorrelationSet } from './correlation/index.js';
import { parseRuleFile, type CorrelationDocument, type FilterDocument, type Rule } from './rule/index.js';

export { parseMapping, parseFieldMapProfile } from './logsource/index.js';

export interface RuleSetOptions {
  /**
   * Logsource mappings (rules/mappings/*.yml, parsed with parseMapping). Without any, no rule is
   * routed: every rule sees every event, and no LOGSOURCE_UNMAPPED is reported.
   */
  mappings?: LogsourceMapping[];
  /** Renames fields for a log format (e.g. ECS), on top of the mappings' fieldmaps and conditions. */
  fieldMapProfile?: FieldMapProfile;
  /** Values for `|expand` placeholders: name (without %) -> values. */
  placeholders?: Record<string, string[]>;
  /** Rules below this level are left out (neither loaded nor failed). */
  minLevel?: Level;
  /**
   * What a rule whose logsource no mapping serves does. Either way LOGSOURCE_UNMAPPED (info) names it.
   * - `unclaimed` (default): it sees only the events that no mapping entry with conditions claims. A
   *   Windows Security event is claimed (Channel Security), so Linux, Zeek or cloud rules never see it
   *   (their `not`-only conditions would otherwise fire on every Windows event), while a custom JSON
   *   log that no mapping describes still meets every unmapped rule.
   * - `match-all`: Sigma's literal reading, it sees every event.
   * - `skip`: it is left out.
   */
  unmapped?: UnmappedPolicy;
  /**
   * Skip detections none of whose required literals occur in the event (one Aho-Corasick pass per
   * event, see compile/prefilter.ts). On by default; `false` evaluates every routed detection (the
   * plain matcher, which tests compare against).
   */
  prefilter?: boolean;
}

export const UNMAPPED_POLICIES = ['unclaimed', 'match-all', 'skip'] as const;
export type UnmappedPolicy = (typeof UNMAPPED_POLICIES)[number];

/** The level a rule without `level:` gets. */
export const DEFAULT_LEVEL: Level = 'medium';

/** One loaded rule: its metadata, the logsource variants it runs under, and its compiled logic. */
export interface CompiledRule {
  meta: RuleMeta;
  rule: Rule;
  /** Logsource entries serving the rule (empty: unmapped, it sees every event). */
  variants: LogsourceEntry[];
  /** The rule's detection compiled once per distinct field mapping. */
  detections: CompiledDetection[];
  /** Stable text of the rule's logic (first detection; the others differ only in field names). */
  explain(): string;
  /** Prefilter literals (see CompiledDetection.requiredLiterals), per detection. */
  requiredLiterals: (string[] | null)[];
}

export interface RuleSet {
  readonly rules: RuleMeta[];
  /** Every load problem, plus (at most once per rule) a rule that failed while matching. */
  readonly diagnostics: Diagnostic[];
  readonly loaded: number;
  readonly failed: number;
  /** The loaded rules with their compiled forms, in load order (same order as `rules`). */
  readonly compiled: readonly CompiledRule[];
  /** Correlation documents found while loading, kept for the correlation engine (not run yet). */
  readonly correlations: readonly CorrelationDocument[];
  /** Sigma filter documents found while loading; the usable ones are applied to the rules they name. */
  readonly filters: readonly FilterDocument[];
  /**
   * The correlation documents compiled against the loaded rules (engine/correlation): their problems
   * are in `diagnostics`; `createCorrelator()` gives the stateful per-scan correlator, and
   * `isSuppressed(hit.rule)` says whether a rule's own alerts are hidden (generate: false).
   */
  readonly correlationSet: CorrelationSet;
  /** The rules that fire on the event, in load order, each once. Never throws. */
  match(event: SigmaEvent): Hit[];
}

interface Target {
  rule: number;
  detection: number;
  /** Index of the detection among all detections of the set (the prefilter's id). */
  global: number;
}

export function compileRuleSet(sources: RuleSource[], options: RuleSetOptions = {}): RuleSet {
  const diagnostics: Diagnostic[] = [];
  const compiled: CompiledRule[] = [];
  const correlations: CorrelationDocument[] = [];
  const filters: FilterDocument[] = [];
  const router = new LogsourceRouter<Target>();
  /** Targets without logsource conditions, in rule order: every event meets them. */
  const always: Target[] = [];
  /** Required literals of every compiled detection, by global detection index. */
  const literalSets: (string[] | null)[] = [];
  const mappings = options.mappings ?? [];
  const profile = options.fieldMapProfile;
  const minRank = options.minLevel ? LEVELS.indexOf(options.minLevel) : 0;
  const idOwners = new Map<string, string>();
  const unmappedPolicy: UnmappedPolicy = options.unmapped ?? 'unclaimed';
  /** Unmapped rules' targets under the `unclaimed` policy: they meet only events no mapping claims. */
  const unclaimedOnly: Target[] = [];
  /** Every conditioned mapping entry: an event that satisfies one is claimed by a mapping. */
  const claims = new LogsourceRouter<true>();
  if (unmappedPolicy === 'unclaimed') {
    for (const mapping of mappings) {
      for (const entry of mapping.logsources) {
        if (Object.keys(entry.conditions).length > 0) claims.add(profileConditions(entry.conditions, profile), true);
      }
    }
  }
  let failed = 0;

  // Phase 1: parse every source (filters may come after the rules they apply to).
  const rules: Rule[] = [];
  for (const source of sources) {
    let parsed: ReturnType<typeof parseRuleFile>;
    try {
      parsed = parseRuleFile(source);
    } catch (err) {
      diagnostics.push(internalError(err, { file: source.file, path: '' }));
      failed++;
      continue;
    }
    diagnostics.push(...parsed.diagnostics);
    failed += parsed.failed;
    for (const doc of parsed.documents) {
      if (doc.kind === 'correlation') correlations.push(doc);
      else if (doc.kind === 'filter') filters.push(doc);
      else rules.push(doc);
    }
  }
  const usableFilters = filters.filter((f) => f.detection !== undefined && f.rules !== undefined);
  reportUnknownFilterReferences(usableFilters, rules, diagnostics);
  /** Per filter: its compiled detection per field-mapping key (undefined: it failed to compile). */
  const filterCache = new Map<FilterDocument, Map<string, CompiledDetection | undefined>>();

  // Rules that correlations refer to load whatever their level: their hits feed the correlation.
  const correlated = referencedRuleKeys(correlationsFromLevel(correlations, options.minLevel));

  // Phase 2: compile each rule for its logsource variants, with the filters that apply to it.
  for (const rule of rules) {
    const level = rule.level ?? DEFAULT_LEVEL;
    if (LEVELS.indexOf(level) < minRank && !(rule.id !== undefined && correlated.has(rule.id)) && !(rule.name !== undefined && correlated.has(rule.name))) continue;

    const variants = mappings.length > 0 ? resolveVariants(rule.logsource, mappings) : [];
    if (mappings.length > 0 && variants.length === 0) {
      const skip = unmappedPolicy === 'skip';
      const effect = skip ? 'the rule is skipped' : unmappedPolicy === 'match-all' ? 'the rule sees every event' : 'the rule sees only events no mapping claims';
      diagnostics.push(diag('LOGSOURCE_UNMAPPED', 'info', `no logsource mapping serves ${describeLogsource(rule)}; ${effect}`, {
        file: rule.file, path: 'logsource', line: rule.line, document: rule.document, rule: rule.id ?? rule.title,
      }));
      if (skip) continue;
    }

    const detections: CompiledDetection[] = [];
    const byFieldMap = new Map<string, number>();
    const routes: { conditions: LogsourceEntry['conditions']; detection: number }[] = [];
    let ok = true;
    const ruleFilters = usableFilters.filter((f) => filterApplies(f, rule));
    const compileFor = (fieldmap: Record<string, string>): number | undefined => {
      const { key, map } = variantFieldMap(fieldmap, profile);
      const known = byFieldMap.get(key);
      if (known !== undefined) return known;
      const compiledFilters = ruleFilters.flatMap((f) => {
        let perKey = filterCache.get(f);
        if (!perKey) filterCache.set(f, (perKey = new Map()));
        if (!perKey.has(key)) {
          const owner = { file: f.file, document: f.document, title: f.title ?? 'filter', id: f.id, detection: f.detection! };
          const result = compileDetection(owner, { compileItem, fieldMap: map, placeholders: options.placeholders });
          // A filter's own problems are reported once, with its first field mapping.
          if (perKey.size === 0) diagnostics.push(...result.diagnostics);
          perKey.set(key, result.detection);
        }
        const detection = perKey.get(key);
        return detection ? [{ title: f.title ?? f.id ?? 'filter', detection }] : [];
      });
      let result: ReturnType<typeof compileDetection>;
      try {
        result = compileDetection(rule, { compileItem, fieldMap: map, placeholders: options.placeholders });
      } catch (err) {
        result = { diagnostics: [internalError(err, { file: rule.file, path: 'detection', line: rule.line, document: rule.document, rule: rule.id ?? rule.title })] };
      }
      // The same rule problem would be reported once per field mapping: keep the first report, and
      // a later one only when that mapping fails where the first did not.
      if (byFieldMap.size === 0) diagnostics.push(...result.diagnostics);
      else if (!result.detection) diagnostics.push(...result.diagnostics.filter((d) => d.severity === 'error'));
      if (!result.detection) return undefined;
      detections.push(withFilters(result.detection, compiledFilters));
      byFieldMap.set(key, detections.length - 1);
      return detections.length - 1;
    };
    if (variants.length === 0) {
      const index = compileFor({});
      if (index === undefined) ok = false;
      else routes.push({ conditions: {}, detection: index });
    } else {
      for (const variant of variants) {
        const index = compileFor(variant.fieldmap);
        if (index === undefined) { ok = false; break; }
        routes.push({ conditions: profileConditions(variant.conditions, profile), detection: index });
      }
    }
    if (!ok) { failed++; continue; }

    const meta = ruleMeta(rule, level);
    const owner = idOwners.get(meta.id);
    if (owner !== undefined) {
      diagnostics.push(diag('DUPLICATE_ID', 'warning', `id ${meta.id} is also used by ${owner}`, {
        file: rule.file, path: 'id', line: rule.line, document: rule.document, rule: meta.id,
      }));
    } else idOwners.set(meta.id, rule.file);

    const ruleIndex = compiled.length;
    compiled.push({
      meta, rule, variants, detections,
      explain: () => detections[0].explain(),
      requiredLiterals: detections.map((d) => d.requiredLiterals),
    });
    const firstGlobal = literalSets.length;
    for (const d of detections) literalSets.push(d.requiredLiterals);
    for (const route of routes) {
      const target = { rule: ruleIndex, detection: route.detection, global: firstGlobal + route.detection };
      if (variants.length === 0 && mappings.length > 0 && unmappedPolicy === 'unclaimed') unclaimedOnly.push(target);
      else if (Object.keys(route.conditions).length === 0) always.push(target);
      else router.add(route.conditions, target);
    }
  }

  // Rules that threw while matching: reported once each; they keep running on later events.
  const reported = new Set<number>();
  const byOrder = (a: Target, b: Target) => a.rule - b.rule || a.detection - b.detection;
  const prefilter = options.prefilter === false ? undefined : new LiteralPrefilter(literalSets);

  const match = (event: SigmaEvent): Hit[] => {
    let routed: Target[];
    try {
      routed = router.route(event);
      if (unclaimedOnly.length > 0 && !claims.accepts(event)) routed = routed.concat(unclaimedOnly);
    } catch {
      routed = [];
    }
    if (routed.length > 1) routed.sort(byOrder);
    let screen = prefilter;
    if (screen) {
      try {
        screen.scan(event);
      } catch {
        screen = undefined;
      }
    }
    const hits: Hit[] = [];
    let fired = -1;
    let last: Target | undefined;
    // Merge the two lists (both in rule order) so that hits come out in load order.
    let i = 0;
    let j = 0;
    while (i < always.length || j < routed.length) {
      const t = j >= routed.length || (i < always.length && byOrder(always[i], routed[j]) <= 0) ? always[i++] : routed[j++];
      if (t.rule === fired || (last !== undefined && t.rule === last.rule && t.detection === last.detection)) continue;
      last = t;
      if (screen && !screen.passes(t.global)) continue;
      const entry = compiled[t.rule];
      try {
        const explanation = entry.detections[t.detection].test(event);
        if (explanation) {
          hits.push({ rule: entry.meta, match: explanation });
          fired = t.rule;
        }
      } catch (err) {
        if (reported.has(t.rule)) continue;
        reported.add(t.rule);
        diagnostics.push(diag('MATCH_FAILED', 'error', `rule threw while matching an event (treated as no match): ${err instanceof Error ? err.message : String(err)}`, {
          file: entry.rule.file, path: 'detection', line: entry.rule.line, document: entry.rule.document, rule: entry.meta.id,
        }));
      }
    }
    return hits;
  };

  const correlationSet = compileCorrelations(correlations, compiled, { minLevel: options.minLevel });
  diagnostics.push(...correlationSet.diagnostics);

  return {
    rules: compiled.map((c) => c.meta),
    diagnostics,
    loaded: compiled.length,
    failed,
    compiled,
    correlations,
    filters,
    correlationSet,
    match,
  };
}

/** Whether a Sigma filter applies to a rule: its logsource keys equal the rule's, and it names the rule (id or name) or says "any". */
function filterApplies(filter: FilterDocument, rule: Rule): boolean {
  for (const key of ['category', 'product', 'service'] as const) {
    const wanted = filter.logsource?.[key];
    if (wanted !== undefined && wanted !== null && String(wanted).toLowerCase() !== rule.logsource[key]?.toLowerCase()) return false;
  }
  if (filter.rules === 'any') return true;
  return (filter.rules ?? []).some((ref) => ref === rule.id || (rule.name !== undefined && ref === rule.name));
}

function reportUnknownFilterReferences(filters: FilterDocument[], rules: Rule[], diagnostics: Diagnostic[]): void {
  const known = new Set<string>();
  for (const rule of rules) {
    if (rule.id) known.add(rule.id);
    if (rule.name) known.add(rule.name);
  }
  for (const filter of filters) {
    if (filter.rules === 'any' || filter.rules === undefined) continue;
    for (const ref of filter.rules) {
      if (known.has(ref)) continue;
      diagnostics.push(diag('FILTER_UNKNOWN_RULE', 'warning', `filter refers to rule "${ref}", which is not loaded`, {
        file: filter.file, path: 'filter.rules', line: filter.line, document: filter.document, rule: filter.id ?? filter.title,
      }));
    }
  }
}

function internalError(err: unknown, where: Parameters<typeof diag>[3]): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return diag('INTERNAL_ERROR', 'error', `the engine failed on this rule: ${message}`, { ...where, hint: 'please report this rule as an engine bug' });
}

function ruleMeta(rule: Rule, level: Level): RuleMeta {
  const logsource: RuleMeta['logsource'] = {};
  if (rule.logsource.category !== undefined) logsource.category = rule.logsource.category;
  if (rule.logsource.product !== undefined) logsource.product = rule.logsource.product;
  if (rule.logsource.service !== undefined) logsource.service = rule.logsource.service;
  const meta: RuleMeta = {
    id: rule.id ?? rule.name ?? `${rule.file}#${rule.document}`,
    title: rule.title,
    level,
    tags: rule.tags,
    logsource,
    file: rule.file,
  };
  if (rule.status !== undefined) meta.status = rule.status;
  if (rule.description !== undefined) meta.description = rule.description;
  if (rule.author !== undefined) meta.author = rule.author;
  if (rule.references.length > 0) meta.references = rule.references;
  if (rule.falsepositives.length > 0) meta.falsepositives = rule.falsepositives;
  return meta;
}

function describeLogsource(rule: Rule): string {
  const parts = (['category', 'product', 'service'] as const).filter((k) => rule.logsource[k] !== undefined).map((k) => `${k}: ${rule.logsource[k]}`);
  return parts.length > 0 ? `logsource {${parts.join(', ')}}` : 'an empty logsource';
}
