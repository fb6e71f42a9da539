// Logsource mappings and field-map profiles: data (YAML in rules/mappings/ and rules/fieldmaps/) that
// tell the engine which events a rule's logsource means and what its fields are called there.

/** One way a logsource is recorded, e.g. process_creation as Sysmon EventID 1. */
export interface LogsourceEntry {
  id: string;
  /** Rule logsource keys (category, product, service) this entry serves; values lower case. */
  match: Record<string, string>;
  /** Event field -> accepted values (AND over fields, OR over values); empty: every event. */
  conditions: Record<string, (string | number)[]>;
  /** Rule field -> event field, for the events of this entry. */
  fieldmap: Record<string, string>;
  /** Mapping name and 1-based line, for diagnostics and explanations. */
  mapping: string;
  line?: number;
}

export interface LogsourceMapping {
  name: string;
  description?: string;
  file: string;
  logsources: LogsourceEntry[];
}

/**
 * A field-map profile renames fields for a log format (e.g. ECS / Winlogbeat), after the logsource
 * entry's fieldmap, and also renames the entry's condition fields.
 */
export interface FieldMapProfile {
  name: string;
  description?: string;
  file: string;
  /** Field (after the entry's fieldmap) -> event field. */
  fields: Record<string, string>;
  /** Prefix for fields the profile does not list (e.g. "winlog.event_data."); none when absent. */
  prefix?: string;
}
