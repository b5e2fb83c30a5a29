/** Every problem at once, each with its rule and, where one exists, a one-click fix. */
import { useLayoutStore, useValidation } from '../store/context';

export function ProblemList() {
  const { problems } = useValidation();
  const applyFix = useLayoutStore((s) => s.applyFix);
  const select = useLayoutStore((s) => s.select);
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
            <button type="button" className="link" onClick={() => select(problem.partitionIds[0] ?? null)} disabled={problem.partitionIds.length === 0}>
              {problem.message}
            </button>
            <span className="rule">
              {problem.code}: {problem.rule}
            </span>
            {problem.fix && (
              <button type="button" className="fix" title={problem.fix.label} aria-description={problem.fix.label} onClick={() => applyFix(problem.fix!)}>
                Fix
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
