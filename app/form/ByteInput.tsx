/** A byte count typed as `0x…`, decimal or K/M/G, echoed beside in hex and in binary units. */
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { formatHex, formatHuman, parseBytes } from '../../src/index';
import { Field } from './Field';

/** `0x200000 · 2 MiB` for what is typed, or nothing while it is not a byte count. */
export function byteEcho(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseBytes(text);
  return parsed.ok ? `${formatHex(parsed.value)} · ${formatHuman(parsed.value)}` : undefined;
}

export function ByteInput({
  label,
  text,
  error,
  note,
  after,
  ...input
}: {
  label: ReactNode;
  /** The text in the field now (watched), for the echo. */
  text: string;
  error?: string;
  /** Shown after the echo: what an empty field means, or where an automatic value landed. */
  note?: ReactNode;
  after?: ReactNode;
} & ComponentPropsWithRef<'input'>) {
  const echo = byteEcho(text);
  const hint =
    echo || note ? (
      <>
        {echo && <span className="echo num">{echo}</span>}
        {echo && note ? ' ' : null}
        {note}
      </>
    ) : undefined;
  return (
    <Field label={label} error={error} hint={hint} after={after}>
      {(control) => <input type="text" className="num" autoComplete="off" spellCheck={false} {...control} {...input} />}
    </Field>
  );
}
