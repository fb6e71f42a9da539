// Rule-set options shared by `scan` and `check` (mappings, field-map profile, placeholders).
import { Option, type Command } from 'commander';
import { UNMAPPED_POLICIES, type UnmappedPolicy } from '../../engine/ruleset.js';
import type { RuleSetLoadOptions } from '../../engine/node/load-rule-set.js';
import { collect } from './cli-errors.js';

export interface RuleConfigFlags {
  mapping?: string[];
  defaultMappings?: boolean;
  fieldMap?: string;
  var?: string[];
  placeholders?: string;
  unmapped?: UnmappedPolicy;
}

export function addRuleConfigOptions(cmd: Command): Command {
  return cmd
    .option('--mapping <file>', 'extra logsource mapping file, after the shipped rules/mappings/*.yml (repeatable)', collect)
    .option('--no-default-mappings', 'do not load the shipped logsource mappings')
    .option('--field-map <name|file>', 'field-map profile: a name in rules/fieldmaps/ or a .yml file')
    .option('--var <name=value>', 'value for an |expand placeholder (repeatable; repeat a name for several values)', collect)
    .option('--placeholders <file>', 'YAML file of |expand placeholder values (name: value or name: [values])')
    .addOption(
      new Option('--unmapped <policy>', 'rules no logsource mapping serves: see only events no mapping claims (unclaimed), every event (match-all), or none (skip)')
        .choices([...UNMAPPED_POLICIES])
        .default('unclaimed'),
    );
}

/** The rule-set load options for rule paths and the shared flags (what `scan` and `check` both pass on). */
export function ruleLoadOptions(rules: string[], flags: RuleConfigFlags): RuleSetLoadOptions {
  return {
    rules,
    mappings: flags.mapping,
    noDefaultMappings: flags.defaultMappings === false,
    fieldMap: flags.fieldMap,
    vars: flags.var,
    placeholdersFile: flags.placeholders,
    unmapped: flags.unmapped,
  };
}
