// grading/: the automatic fact-by-fact pre-grade of incident reports against a scenario's answer
// key, and the triage score. Pure TypeScript (no node:* imports): the server and the browser both
// use it.
export { gradeReport, DEFAULT_SCORING } from './score.js';
export { gradeTriage, type TriageDecision, type TriageGrade, type TriageAlertResult } from './triage.js';
export { buildKnownValues, stringLeaves } from './known.js';
export { acceptForm, type AcceptedForm, type AcceptResult } from './accept.js';
export { applyReview, type ReviewResult, type ReviewProblem } from './review.js';
export { extractIndicators, type ExtractedIndicator } from './extract.js';
export { refang, isDefanged } from './defang.js';
export { compareIndicator, canonicalForms } from './normalise/index.js';
export { resolveTechnique, techniqueName } from './normalise/technique.js';
export { parseTime } from './normalise/time.js';
export type { Grade, GradeOptions, RubricItem, Penalty, Evidence, FactStatus, KnownValues, TimelineSummary, GradeReview, ReviewedGrade } from './types.js';
