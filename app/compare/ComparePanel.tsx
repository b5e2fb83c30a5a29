/**
 * Compare the current layout with another: a file dropped on the panel or picked (any layout or
 * table Flashmap reads), or the layout as it was when the page was opened (the oldest state of
 * the undo history); an image or a dump of a fielded device is read through the inspector. The other layout is OLD (what the devices in the field have), the current
 * one NEW, unless swapped. The comparison runs in the engine worker.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { ComparisonReport } from '../../src/compare/compare';
import { migrationText, verdictText, volumeVerdictText } from '../../src/compare/describe';
import { failureText, type ImportOutcome } from '../../src/formats/files';
import type { LayoutDocument } from '../../src/model/document';
import { engine } from '../engine';
import { INSPECT_FROM, isUnrecognised } from '../inspect/open';
import { report as status } from '../status/status';
import { useLayoutStore } from '../store/context';
import { CompareBars } from './CompareBars';
import './compare.css';

interface Baseline {
  document: LayoutDocument;
  label: string;
}

function useComparison(baseline: Baseline | null, present: LayoutDocument, swapped: boolean) {
  const [answer, setAnswer] = useState<{ report?: ComparisonReport; error?: string } | null>(null);
  useEffect(() => {
    if (!baseline) return;
    let current = true;
    const [old, next] = swapped ? [present, baseline.document] : [baseline.document, present];
    engine()
      .call('compare', { old, new: next })
      .then(
        (outcome) => current && setAnswer(outcome.ok ? { report: outcome.report } : { error: outcome.message }),
        (error: Error) => current && setAnswer({ error: error.message }),
      );
    return () => {
      current = false;
    };
  }, [baseline, present, swapped]);
  return baseline ? answer : null;
}

function Verdicts({ report }: { report: ComparisonReport }) {
  return (
    <table className="compare-verdicts">
      <caption>Partition verdicts</caption>
      <thead>
        <tr>
          <th scope="col">Partition</th>
          <th scope="col">Change</th>
          <th scope="col">Data</th>
        </tr>
      </thead>
      <tbody>
        {report.changes.map((change, index) => (
          <tr key={index} className={`verdict-${change.verdict.kind}`}>
            <th scope="row">{(change.new ?? change.old)!.name}{change.old && change.new && change.old.name !== change.new.name ? ` (was ${change.old.name})` : ''}</th>
            <td>{change.change}</td>
            <td>{verdictText(change.verdict)}</td>
          </tr>
        ))}
        {report.volumes.map((volume, index) => (
          <tr key={`v${index}`} className={`verdict-${volume.verdict}`}>
            <th scope="row">{volume.partition}/{volume.name}</th>
            <td>volume {volume.change}</td>
            <td>{volumeVerdictText(volume)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeviceVerdictView({ report }: { report: ComparisonReport }) {
  const { device } = report;
  return (
    <section className={`compare-device ${device.inField ? 'in-field' : 'not-in-field'}`} aria-label="Device verdict">
      <h3>Device: {device.method}</h3>
      <p>{device.summary}</p>
      <ul>
        {device.checks.map((check) => (
          <li key={check.label} className={check.ok ? 'check-ok' : 'check-failed'}>
            {check.ok ? '✓' : '✗'} {check.label}
            {check.detail ? `: ${check.detail}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Migration({ report }: { report: ComparisonReport }) {
  if (report.steps.length === 0) return <p>No migration steps.</p>;
  const text = migrationText(report);
  const copy = () =>
    void navigator.clipboard?.writeText(text).then(
      () => status('Copied the migration commands'),
      () => status('The clipboard is not available here', 'error'),
    );
  return (
    <section className="compare-migration" aria-label="Migration">
      <h3>
        Migration <button type="button" onClick={copy}>Copy commands</button>
      </h3>
      <ol>
        {report.steps.map((step, index) => (
          <li key={index} className={step.unsafe ? 'step-unsafe' : 'step-safe'}>
            <strong>{step.unsafe ? 'Unsafe: ' : ''}{step.title}</strong>
            {step.note ? <span className="step-note"> — {step.note}</span> : null}
            {step.commands.length > 0 ? <pre>{step.commands.join('\n')}</pre> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ComparePanel() {
  const present = useLayoutStore((s) => s.history.present);
  const oldest = useLayoutStore((s) => s.history.past[0] ?? s.history.present);
  const [open, setOpen] = useState(false);
  const [baseline, setBaseline] = useState<Baseline | null>(null);
  const [swapped, setSwapped] = useState(false);
  const [over, setOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const answer = useComparison(baseline, present, swapped);

  /** A table or layout file through the importers; an image or dump (large, or no table format) through the inspector. */
  async function otherLayout(file: File): Promise<ImportOutcome> {
    if (file.size < INSPECT_FROM) {
      const outcome = await engine().call('import', { bytes: new Uint8Array(await file.arrayBuffer()), document: present, fileName: file.name });
      if (outcome.ok || !isUnrecognised(outcome.message)) return outcome;
    }
    status(`Inspecting ${file.name} to compare with it…`, 'busy');
    const inspection = await engine().call('inspect', { file });
    return engine().call('inspectLayout', { file, inspection, document: present, fileName: file.name });
  }

  async function read(file: File) {
    try {
      const outcome = await otherLayout(file);
      if (!outcome.ok) {
        status(`${file.name} cannot be compared: ${failureText(outcome)}`, 'error');
        return;
      }
      setBaseline({ document: outcome.document, label: `${file.name} (${outcome.formatTitle})` });
      setOpen(true);
      status(`Comparing with ${file.name}`);
    } catch (error) {
      status(`${file.name} cannot be compared: ${(error as Error).message}`, 'error');
    }
  }

  // The page's own drop imports a file as the layout; here a drop is the other layout instead.
  const onDragOver = (event: DragEvent) => {
    if (!Array.from(event.dataTransfer.types).includes('Files')) return;
    event.preventDefault();
    event.stopPropagation();
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    if (!Array.from(event.dataTransfer.types).includes('Files')) return;
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void read(file);
  };

  const [oldLabel, newLabel] = swapped ? ['the current layout', baseline?.label] : [baseline?.label, 'the current layout'];
  return (
    <section className="panel compare-panel" aria-label="Compare layouts" onDragOver={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop}>
      <h2>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          Compare
        </button>{' '}
        with another layout: what an update changes
      </h2>
      {open ? (
        <>
          <div className={`compare-source${over ? ' drop-over' : ''}`}>
            <span>Drop a layout or a partition table here, or</span>{' '}
            <button type="button" onClick={() => picker.current?.click()}>
              Pick a file…
            </button>{' '}
            <button type="button" onClick={() => setBaseline({ document: oldest, label: 'the layout as it was when the page was opened' })}>
              Since opened
            </button>{' '}
            {baseline ? (
              <button type="button" onClick={() => setSwapped(!swapped)}>
                Swap old and new
              </button>
            ) : null}
            <input
              ref={picker}
              type="file"
              hidden
              aria-label="Compare with a file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void read(file);
                event.target.value = '';
              }}
            />
          </div>
          {baseline ? (
            <p className="compare-sides">
              Old: {oldLabel}. New: {newLabel}.
            </p>
          ) : null}
          {answer?.error ? <p className="compare-error" role="alert">{answer.error}</p> : null}
          {answer?.report ? (
            <>
              <CompareBars report={answer.report} />
              <DeviceVerdictView report={answer.report} />
              <Verdicts report={answer.report} />
              <Migration report={answer.report} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
