export * from './types.js';
export { parseRuleFile, parseRuleDocument, type ParsedFile } from './parse.js';
export { loadYamlDocuments, findKeyLine, SIGMA_YAML_SCHEMA, type YamlDocument } from './yaml.js';
