// One call from command-line style options to a compiled rule set: rule discovery, mappings,
// field-map profile and placeholders. Used by `soclab scan` / `soclab check` (and usable by the server).
import type { Diagnostic, Level } from '../api.js';
import { compileRuleSet, type RuleSet, type UnmappedPolicy } from '../ruleset.js';
import { loadFieldMapProfile, loadMappings, loadPlaceholders } from './load-config.js';
import { loadRuleFiles } from './rule-files.js';

export interface RuleSetLoadOptions {
  /** Rule files or folders (searched recursively). */
  rules: readonly string[];
  /** Extra logsource mapping files, after the shipped rules/mappings/*.yml. */
  mappings?: readonly string[];
  /** Leave out the shipped mappings (then only `mappings` route rules). */
  noDefaultMappings?: boolean;
  /** Field-map profile name (rules/fieldmaps/NAME.yml) or file. */
  fieldMap?: string;
  /** `name=value` placeholder values for |expand. */
  vars?: readonly string[];
  /** YAML placeholder file for |expand. */
  placeholdersFile?: string;
  minLevel?: Level;
  /** What rules no logsource mapping serves see (default `unclaimed`, see RuleSetOptions.unmapped). */
  unmapped?: UnmappedPolicy;
}

export interface LoadedRuleSet {
  ruleSet: RuleSet;
  /** Rule files read (after skipping data files). */
  files: number;
  /** Mapping / field-map files met in rule folders and left out. */
  skippedDataFiles: string[];
  /** Problems of the mapping and field-map files (the rule problems are in ruleSet.diagnostics). */
  configDiagnostics: Diagnostic[];
}

/**
 * Loads and compiles. Throws RulePathError / ConfigError for unusable paths and options (the CLI
 * turns them into exit code 2); problems inside rules and mappings come back as diagnostics.
 */
export async function loadRuleSet(options: RuleSetLoadOptions): Promise<LoadedRuleSet> {
  const { sources, skipped } = await loadRuleFiles(options.rules);
  const { mappings, diagnostics: configDiagnostics } = await loadMappings(options.mappings ?? [], !options.noDefaultMappings);
  let fieldMapProfile;
  if (options.fieldMap) {
    const loaded = await loadFieldMapProfile(options.fieldMap);
    configDiagnostics.push(...loaded.diagnostics);
    fieldMapProfile = loaded.profile;
  }
  const placeholders = await loadPlaceholders(options.vars ?? [], options.placeholdersFile);
  const ruleSet = compileRuleSet(sources, { mappings, fieldMapProfile, placeholders, minLevel: options.minLevel, unmapped: options.unmapped });
  return { ruleSet, files: sources.length, skippedDataFiles: skipped, configDiagnostics };
}
