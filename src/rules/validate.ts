/** The validation engine: places the document, runs every rule and returns every problem at once. */
import type { Family, Rule } from '../layout/family';
import { place } from '../layout/place';
import type { Placement } from '../layout/placement';
import type { LayoutDocument } from '../model/document';
import type { Problem } from '../model/problem';
import { alignmentRule } from './generic/alignment';
import { boundsRule } from './generic/bounds';
import { copiesRule } from './generic/copies';
import { duplicateNamesRule } from './generic/duplicate-names';
import { overlapRule } from './generic/overlap';
import { zeroSizeRule } from './generic/zero-size';

export const GENERIC_RULES: Rule[] = [overlapRule, boundsRule, alignmentRule, zeroSizeRule, duplicateNamesRule, copiesRule];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export interface Validation {
  placement: Placement;
  problems: Problem[];
}

/** Every problem of the document under its family's rules (the family registry passes the family). */
export function validateWith(document: LayoutDocument, family: Family): Validation {
  const placement = place(document, family);
  const context = { document, placement, family };
  const problems = [...GENERIC_RULES, ...family.rules].flatMap((rule) => rule.check(context));
  const position = (problem: Problem) => {
    const first = problem.partitionIds[0];
    return first === undefined ? -1 : (placement.byId.get(first)?.index ?? -1);
  };
  problems.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || position(a) - position(b));
  return { placement, problems };
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
