/**
 * The editing contract shared by the partition form and the device settings: a react-hook-form
 * form checked by a zod schema whose output is applied to the recorded document.
 * - A valid change shows live (store `preview`); an invalid one is never shown or recorded: while
 *   typing, the last valid value stays on screen and the field says why; leaving the field with
 *   an invalid value records nothing and shows the recorded layout again (the message stays).
 * - A text field records one undo step on blur or Enter, a select or a switch on change
 *   (store `edit`); Escape puts the recorded values back.
 * - The form follows the recorded document: undo, a drag on the map or a fix resets it.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useForm, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import type { LayoutDocument } from '../../src/index';
import { useLayoutStore } from '../store/context';
import { sameDocument } from './equal';

export function useDocumentForm<Values extends FieldValues, Output>({
  schema,
  values,
  apply,
}: {
  schema: z.ZodType<Output, Values>;
  /** The form's values for the recorded document. */
  values: Values;
  /** The recorded document with the form's output applied. */
  apply: (output: Output, present: LayoutDocument) => LayoutDocument;
}) {
  const present = useLayoutStore((s) => s.history.present);
  const preview = useLayoutStore((s) => s.preview);
  const edit = useLayoutStore((s) => s.edit);
  const cancelPreview = useLayoutStore((s) => s.cancelPreview);
  const form = useForm<Values, unknown, Output>({ resolver: zodResolver(schema), values, mode: 'onChange' });
  /** The document this form is previewing, if any. */
  const previewing = useRef<LayoutDocument | null>(null);

  // Leaving the form (another selection) must not leave its unrecorded preview on screen.
  useEffect(
    () => () => {
      if (previewing.current) cancelPreview();
    },
    [cancelPreview],
  );

  function proposed(): LayoutDocument | undefined {
    const result = schema.safeParse(form.getValues());
    return result.success ? apply(result.data, present) : undefined;
  }

  function dropPreview() {
    if (previewing.current) cancelPreview();
    previewing.current = null;
  }

  function showLive() {
    const next = proposed();
    if (!next) return;
    previewing.current = next;
    preview(next);
  }

  function commit() {
    const next = proposed();
    if (next && !sameDocument(next, present)) {
      previewing.current = null;
      edit(next);
    } else {
      dropPreview();
    }
  }

  function revert() {
    dropPreview();
    form.reset(values);
  }

  return {
    form,
    commit,
    /** A text field: live on change, recorded on blur (and Enter, see `onKeyDown`). */
    text(name: Path<Values>, beforePreview?: () => void) {
      return form.register(name, {
        onChange: () => {
          beforePreview?.();
          showLive();
        },
        onBlur: commit,
      });
    },
    /** A select or a switch: recorded as soon as it changes. */
    choice(name: Path<Values>, beforeCommit?: () => void) {
      return form.register(name, {
        onChange: () => {
          beforeCommit?.();
          commit();
        },
      });
    },
    /** Enter records the field being typed in; Escape puts the recorded values back. */
    onKeyDown(event: KeyboardEvent<HTMLElement>) {
      const target = event.target as HTMLElement;
      if (target.tagName !== 'INPUT' && target.tagName !== 'SELECT') return;
      if (event.key === 'Enter') {
        event.preventDefault();
        commit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        revert();
      }
    },
    /** The message of a refused value, for the field. */
    errorOf(name: Path<Values>): string | undefined {
      const error = form.formState.errors[name];
      return typeof error?.message === 'string' ? error.message : undefined;
    },
  };
}

export type DocumentForm<Values extends FieldValues, Output> = ReturnType<typeof useDocumentForm<Values, Output>>;
