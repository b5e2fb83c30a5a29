import { useStatus } from './status';

export function StatusLine() {
  const { message, tone, cancel } = useStatus();
  return (
    <div className={`status-line ${tone}`}>
      <output aria-live={tone === 'error' ? 'assertive' : 'polite'} aria-label="Status">
        {message}
      </output>
      {tone === 'busy' && cancel && (
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
