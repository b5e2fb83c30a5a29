/**
 * Why every export is refused: the layout's errors (warnings do not stop an export), each a button
 * that selects its partition like the problem list does.
 */
import type { Problem } from '../../src/index';
import { useLayoutStore } from '../store/context';

/** The partition a problem is about: the one its first fix changes, else the first it names. */
function subjectOf(problem: Problem): string | undefined {
  for (const edit of problem.fixes[0]?.edits ?? []) if (edit.target === 'partition') return edit.id;
  return problem.partitionIds[0];
}

export function Blockers({ errors }: { errors: Problem[] }) {
  const select = useLayoutStore((s) => s.select);
  const focus = (id: string | undefined) => {
    if (id === undefined) return;
    select(id);
    document.querySelector<HTMLElement>(`.flash-map [data-partition-id="${CSS.escape(id)}"]`)?.focus();
  };
  return (
    <div className="export-blockers" role="group" aria-label="Problems standing in the way of exports">
      <p>
        Exports are refused while the layout has {errors.length === 1 ? 'an error' : `${errors.length} errors`} (warnings are fine). Fix{' '}
        {errors.length === 1 ? 'it' : 'them'} first:
      </p>
      <ul>
        {errors.slice(0, 20).map((problem, index) => (
          <li key={`${problem.code}-${index}`}>
            <button type="button" className="link" disabled={problem.partitionIds.length === 0} onClick={() => focus(subjectOf(problem))}>
              {problem.message}
            </button>
          </li>
        ))}
        {errors.length > 20 && <li className="muted">and {errors.length - 20} more in the problem list</li>}
      </ul>
    </div>
  );
}
