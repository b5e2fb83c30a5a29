/** The dialog for an import's questions (see import-dialog.ts): a modal <dialog>, Escape cancels. */
import { useEffect, useRef } from 'react';
import { useImportDialog, type ImportRequest } from './import-dialog';

function FormatChoice({ request }: { request: Extract<ImportRequest, { kind: 'format' }> }) {
  return (
    <>
      <h2 id="import-dialog-title">Which format is {request.source}?</h2>
      <p>More than one format reads it, and each gives another layout.</p>
      <div className="dialog-actions">
        {request.readings.map((reading) => (
          <button key={reading.formatId} type="button" onClick={() => request.answer(reading.formatId)}>
            Read as {reading.formatTitle}
          </button>
        ))}
        <button type="button" onClick={() => request.answer(null)}>
          Cancel
        </button>
      </div>
    </>
  );
}

function Questions({ request }: { request: Extract<ImportRequest, { kind: 'questions' }> }) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        request.answer(Object.fromEntries(request.questions.map((q) => [q.name, String(data.get(q.name) ?? '').trim()])));
      }}
    >
      <h2 id="import-dialog-title">{request.source} needs values it does not hold</h2>
      <p>The layout depends on these variables; give the values your build uses.</p>
      {request.questions.map((question, index) => (
        <label key={question.name}>
          {question.name}
          <span>{question.why}</span>
          <input name={question.name} required autoFocus={index === 0} autoComplete="off" spellCheck={false} />
        </label>
      ))}
      <div className="dialog-actions">
        <button type="submit">Import</button>
        <button type="button" onClick={() => request.answer(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ImportDialog() {
  const request = useImportDialog((s) => s.request);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) element.showModal();
    if (!request && element.open) element.close();
  }, [request]);
  return (
    <dialog ref={dialog} className="import-dialog" aria-labelledby="import-dialog-title" onCancel={() => request?.answer(null)}>
      {request?.kind === 'format' && <FormatChoice request={request} />}
      {request?.kind === 'questions' && <Questions request={request} />}
    </dialog>
  );
}
