/** Building a problem of one SigmaStar rule: its code and rule sentence once, then what differs. */
import type { Rule } from '../../../layout/family';
import { type Fix, type Problem, type Severity, fixesOf } from '../../../model/problem';

export function problemOf(rule: Pick<Rule, 'code' | 'description'>, severity: Severity, partitionIds: string[], message: string, fix?: Fix): Problem {
  return { code: rule.code, severity, rule: rule.description, partitionIds, message, fixes: fixesOf(fix) };
}
