// A grader confirms or overrides the pre-grade: per fact (status and optionally points), per
// penalty (waive or keep), plus penalties the key did not foresee. The final score is recomputed the
// same way as the pre-grade's, so an untouched review reproduces the automatic score.
import type { Grade, GradeReview, ReviewedGrade } from './types.js';

export interface ReviewProblem {
  /** JSON pointer into the review, e.g. "/facts/2/factId". */
  path: string;
  message: string;
}

export type ReviewResult = { ok: true; grade: ReviewedGrade } | { ok: false; problems: ReviewProblem[] };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Applies a (schema-valid) review to a pre-grade; reports references to unknown facts/penalties. */
export function applyReview(grade: Grade, review: GradeReview): ReviewResult {
  const problems: ReviewProblem[] = [];
  const facts = new Map(grade.rubric.map((r) => [r.factId, r]));
  const penaltyIds = new Set(grade.penalties.map((p) => p.id));
  const factReview = new Map<string, GradeReview['facts'][number]>();
  review.facts.forEach((f, i) => {
    const item = facts.get(f.factId);
    if (!item) problems.push({ path: `/facts/${i}/factId`, message: `no fact "${f.factId}" in this grade` });
    else if (factReview.has(f.factId)) problems.push({ path: `/facts/${i}/factId`, message: `fact "${f.factId}" reviewed twice` });
    else if (f.points !== undefined && f.points > item.weight)
      problems.push({ path: `/facts/${i}/points`, message: `must be at most the fact's weight ${item.weight}` });
    else factReview.set(f.factId, f);
  });
  const penaltyReview = new Map<string, GradeReview['penalties'][number]>();
  review.penalties.forEach((p, i) => {
    if (!penaltyIds.has(p.id)) problems.push({ path: `/penalties/${i}/id`, message: `no penalty "${p.id}" in this grade` });
    else if (penaltyReview.has(p.id)) problems.push({ path: `/penalties/${i}/id`, message: `penalty "${p.id}" reviewed twice` });
    else penaltyReview.set(p.id, p);
  });
  if (problems.length) return { ok: false, problems };

  const rubric: ReviewedGrade['rubric'] = grade.rubric.map((r) => {
    const o = factReview.get(r.factId);
    if (!o) return { ...r, overridden: false };
    const byStatus = o.status === 'found' ? r.weight : o.status === 'partial' ? r.weight * grade.partialCredit : 0;
    const out: ReviewedGrade['rubric'][number] = { ...r, status: o.status, points: round2(o.points ?? byStatus), overridden: true };
    if (o.comment) out.comment = o.comment;
    return out;
  });
  const penalties: ReviewedGrade['penalties'] = grade.penalties.map((p) => {
    const o = penaltyReview.get(p.id);
    const out: ReviewedGrade['penalties'][number] = { ...p, waived: o?.waived ?? false };
    if (o?.comment) out.comment = o.comment;
    return out;
  });
  review.extraPenalties.forEach((e, i) =>
    penalties.push({ id: `grader-${i + 1}`, reason: 'grader', description: e.description, points: e.points, evidence: [], waived: false }),
  );
  const earned = rubric.reduce((s, r) => s + r.points, 0);
  const lost = penalties.reduce((s, p) => s + (p.waived ? 0 : p.points), 0);
  const points = Math.max(0, earned - lost);
  const result: ReviewedGrade = {
    score: grade.maxPoints > 0 ? Math.min(100, Math.round((100 * points) / grade.maxPoints)) : 0,
    points: round2(points),
    maxPoints: grade.maxPoints,
    rubric,
    penalties,
    autoScore: grade.score,
  };
  if (review.comment) result.comment = review.comment;
  return { ok: true, grade: result };
}
