/** The line that reports what an import or export did. */
import { create } from 'zustand';

export const useFileStatus = create<{ message: string; tone: 'ok' | 'error' }>()(() => ({ message: '', tone: 'ok' }));

export function reportFile(message: string, tone: 'ok' | 'error' = 'ok'): void {
  useFileStatus.setState({ message, tone });
}
