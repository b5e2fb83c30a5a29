/**
 * Problems found by the validation engine. A rule is a small pure function of the document and
 * its placement; it returns every problem it sees, each with the rule behind it and, where one
 * exists, a fix the UI can apply in one click.
 */
import type { Device, LayoutDocument, Partition } from '../model/document';
import type { Family, Severity } from '../families/family';
import type { Placement } from '../layout/placement';

export type { Severity };

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
  fix?: Fix;
}

export interface RuleContext {
  document: LayoutDocument;
  placement: Placement;
  family: Family;
}

export interface Rule {
  code: string;
  /** The rule in one sentence, shown beside each problem it raises. */
  description: string;
  check(context: RuleContext): Problem[];
}
