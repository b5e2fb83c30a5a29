/** Every problem at once, each with its rule and the one-click fixes that make no new error. */
import type { Problem } from '../../src/index';
import { useLayoutStore, useValidationBesideMap } from '../store/context';

/** The partition a problem is about: the one its first fix changes, else the first it names. */
function subjectOf(problem: Problem): string | undefined {
  const edit = problem.fixes[0]?.edits.find((e) => e.target === 'partition');
  return edit?.target === 'partition' ? edit.id : problem.partitionIds[0];
}

export function ProblemList() {
  const { problems } = useValidationBesideMap();
  const applyFix = useLayoutStore((s) => s.applyFix);
  const select = useLayoutStore((s) => s.select);
  /** Selects the partition and moves keyboard focus to it on the map. */
  const focusPartition = (id: string | undefined) => {
    if (id === undefined) return;
    select(id);
    document.querySelector<HTMLElement>(`.flash-map [data-partition-id="${CSS.escape(id)}"]`)?.focus();
  };
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h2 id="problems-heading">
        Problems <span className="count">{problems.length === 0 ? 'none' : problems.length}</span>
      </h2>
      <ul aria-label="Problems">
        {problems.length === 0 && <li className="ok">The layout passes every rule of its family.</li>}
        {problems.map((problem, index) => (
          <li key={`${problem.code}-${index}`} className={`problem ${problem.severity}`}>
            <span className={`badge ${problem.severity}`}>{problem.severity}</span>
            <button type="button" className="link" onClick={() => focusPartition(subjectOf(problem))} disabled={problem.partitionIds.length === 0}>
              {problem.message}
            </button>
            <span className="rule">
              {problem.code}: {problem.rule}
            </span>
            {problem.fixes.length === 0 && problem.noFix && <span className="no-fix">{problem.noFix}</span>}
            {problem.fixes.length > 0 && (
              <span className="fixes">
                {/* The visible text is the whole accessible name, so "click Fix: move …" works by voice. */}
                {problem.fixes.map((fix) => (
                  <button key={fix.label} type="button" className="fix" onClick={() => applyFix(fix)}>
                    Fix: {fix.label}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
