/**
 * On a narrow window the inspector sits below the map and the table: a partition picked there
 * scrolls its form into view, so the pick visibly does something. Wide windows keep it beside.
 */
const NARROW = '(max-width: 1100px)';

export function revealPartitionForm(): void {
  if (!window.matchMedia(NARROW).matches) return;
  // After React has drawn the newly selected partition's form.
  requestAnimationFrame(() => document.querySelector('.partition-form')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
}
