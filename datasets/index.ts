// Public surface of the scenario generator for the CLI, the server and tests.
export { generateScenario, createContext, describeOrganisation, sourceOf, GENERATOR_VERSION,
  type GenerateOptions, type GenerationResult, type Manifest, type Sink } from './generator.js';
export { SCENARIOS, findScenario } from './scenarios/index.js';
export { DIFFICULTIES, type Scenario, type ScenarioStory, type ExpectedAlert, type Difficulty } from './scenarios/types.js';
export { LAB_RULES, type LabRuleName } from './scenarios/lab-rules.js';
export { LOG_SCHEMAS, checkEventSchema, schemaKeyOf, type FieldSchema, type FieldType } from './log-schema.js';
export { TIMESTAMP_FIELD, LOG_SOURCE_FIELD } from './core/events.js';
