/**
 * The one line that says what just happened (imported, exported, refused, working…), shown by
 * the toolbar where the eye is and announced to assistive technology.
 */
import { create } from 'zustand';

export type Tone = 'ok' | 'error' | 'busy';

interface Status {
  message: string;
  tone: Tone;
  /** While busy: stops the work in progress. */
  cancel?: () => void;
}

export const useStatus = create<Status>()(() => ({ message: '', tone: 'ok' }));

export function report(message: string, tone: Tone = 'ok', cancel?: () => void): void {
  useStatus.setState({ message, tone, cancel });
}
