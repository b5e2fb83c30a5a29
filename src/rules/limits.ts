/** How much one rule may report: the first problems in full, then one summary (validate.ts). */
export const MAX_PROBLEMS_PER_RULE = 100;
