/**
 * One labelled form field: the visible label, the control, a hint (an echo of the value or a
 * note) and the reason a value is refused, both tied to the control with aria-describedby.
 */
import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';

/** What the control needs to be labelled and described. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

export function Field({
  label,
  error,
  hint,
  after,
  className,
  children,
}: {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** Beside the control (a switch such as "auto"). */
  after?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
        {after}
      </div>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label text after it. */
export function Switch({ label, title, ...input }: { label: ReactNode; title?: string } & ComponentPropsWithRef<'input'>) {
  return (
    <label className="switch" title={title}>
      <input type="checkbox" {...input} />
      {label}
    </label>
  );
}
