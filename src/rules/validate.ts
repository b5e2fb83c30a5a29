/**
 * The validation engine: places the document, runs every rule and returns every problem at once.
 * Work stays bounded for any input: each rule reports at most MAX_PROBLEMS_PER_RULE problems and
 * then one summary, and each of a problem's fixes is offered only when it keeps the document valid (its fields within
 * the schema; for layouts up to FIX_CHECK_LIMIT partitions, also no new error once applied).
 */
import type { Family, Rule } from '../layout/family';
import { place } from '../layout/place';
import type { Placement } from '../layout/placement';
import { LayoutDocumentSchema, type LayoutDocument } from '../model/document';
import { applyFix, editError } from '../model/edit';
import type { Fix, Problem } from '../model/problem';
import { alignmentRule } from './generic/alignment';
import { boundsRule } from './generic/bounds';
import { copiesRule } from './generic/copies';
import { duplicateNamesRule } from './generic/duplicate-names';
import { overlapRule } from './generic/overlap';
import { zeroSizeRule } from './generic/zero-size';
import { MAX_PROBLEMS_PER_RULE } from './limits';

export const GENERIC_RULES: Rule[] = [overlapRule, boundsRule, alignmentRule, zeroSizeRule, duplicateNamesRule, copiesRule];

/** Up to this many partitions, each fix is tried on a copy of the layout before it is offered. */
export const FIX_CHECK_LIMIT = 256;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export interface Validation {
  placement: Placement;
  problems: Problem[];
}

/** Every problem of the document under its family's rules (the family registry passes the family). */
export function validateWith(document: LayoutDocument, family: Family, options: { checkFixes?: boolean } = {}): Validation {
  const placement = place(document, family);
  const context = { document, placement, family };
  const problems = [...GENERIC_RULES, ...family.rules].flatMap((rule) => capped(rule, rule.check(context)));
  const position = new Map(placement.partitions.map((p) => [p.partition.id, p.index]));
  const positionOf = (problem: Problem) => position.get(problem.partitionIds[0]) ?? -1;
  problems.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || positionOf(a) - positionOf(b));
  if (options.checkFixes !== false) {
    const tryFixes = document.partitions.length <= FIX_CHECK_LIMIT;
    for (const problem of problems) {
      const safe = problem.fixes.filter((fix) => fixIsSafe(fix, problem, document, family, problems, tryFixes));
      if (safe.length === 0 && problem.fixes.length > 0) problem.noFix = noFixFits(problem.fixes);
      problem.fixes = safe;
    }
  }
  return { placement, problems };
}

/** The first problems of a rule, and one summary standing for the rest (with their partitions). */
function capped(rule: Rule, problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_RULE) return problems;
  const rest = problems.slice(MAX_PROBLEMS_PER_RULE);
  const severity = rest.reduce((worst, p) => (SEVERITY_ORDER[p.severity] < SEVERITY_ORDER[worst] ? p.severity : worst), rest[0].severity);
  const ids = new Set<string>();
  for (const problem of rest) for (const id of problem.partitionIds) ids.add(id);
  const summary: Problem = {
    code: rule.code,
    severity,
    rule: rule.description,
    message: `… and ${rest.length} more problems of this kind (the first ${MAX_PROBLEMS_PER_RULE} are listed)`,
    partitionIds: [...ids],
    fixes: [],
  };
  return [...problems.slice(0, MAX_PROBLEMS_PER_RULE), summary];
}

/** What the user reads when every fix the rule worked out was refused by the check. */
function noFixFits(refused: Fix[]): string {
  const ways = refused.map((fix) => fix.label.charAt(0).toLowerCase() + fix.label.slice(1));
  return `No fix fits: ${ways.join('; ')} would make a new error. Move, shrink or remove a partition by hand, or use a larger device.`;
}

/**
 * A fix must keep every field valid and, where it can be tried, must clear the error it is for
 * without causing an error of its own.
 */
function fixIsSafe(fix: Fix, problem: Problem, document: LayoutDocument, family: Family, before: Problem[], tryIt: boolean): boolean {
  if (fix.edits.some((edit) => editError(edit) !== undefined)) return false;
  if (!tryIt) return true;
  const fixed = family.normalize ? family.normalize(applyFix(document, fix)) : applyFix(document, fix);
  if (!LayoutDocumentSchema.safeParse(fixed).success) return false;
  const known = new Set(before.filter((p) => p.severity === 'error' && p !== problem).map(errorKey));
  return validateWith(fixed, family, { checkFixes: false }).problems.every((p) => p.severity !== 'error' || known.has(errorKey(p)));
}

function errorKey(problem: Problem): string {
  return `${problem.code}:${[...problem.partitionIds].sort().join(',')}`;
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
