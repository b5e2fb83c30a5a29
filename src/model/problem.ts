/**
 * The vocabulary every room shares about problems: a rule is a small pure function that returns
 * every problem it sees, each with the rule behind it and, where any exist, fixes the UI can
 * apply in one click. What a rule looks at (the document and its placement) is the layout
 * floor's business, so the rule's signature is generic in its context here.
 */
import type { Device, Partition } from './document';

export type Severity = 'error' | 'warning' | 'info';

/** One change a fix makes to the document. */
export type Edit =
  | { target: 'partition'; id: string; set: Partial<Omit<Partition, 'id'>> }
  | { target: 'device'; set: Partial<Device> };

export interface Fix {
  /** What the button says: "Align offset up to 0x10000". */
  label: string;
  edits: Edit[];
}

export interface Problem {
  code: string;
  severity: Severity;
  message: string;
  /** The rule behind the problem, stated once ("Partitions must not overlap"). */
  rule: string;
  partitionIds: string[];
  /** Every way out the rule knows, best first; validation keeps only those that make no new error. */
  fixes: Fix[];
  /** When no fix is offered for an error, why: said in words rather than by an empty list. */
  noFix?: string;
}

/** The fixes a rule could work out, in order, leaving out those it could not. */
export function fixesOf(...fixes: Array<Fix | undefined>): Fix[] {
  return fixes.filter((fix): fix is Fix => fix !== undefined);
}

export interface RuleOf<Context> {
  code: string;
  /** The rule in one sentence, shown beside each problem it raises. */
  description: string;
  check(context: Context): Problem[];
}
