/** Why a share link could not be opened; the page goes on with the last layout. */
import { create } from 'zustand';

interface LinkNoticeState {
  message: string | null;
  show(message: string): void;
  dismiss(): void;
}

export const useLinkNotice = create<LinkNoticeState>()((set) => ({
  message: null,
  show: (message) => set({ message }),
  dismiss: () => set({ message: null }),
}));

export function LinkNotice() {
  const message = useLinkNotice((s) => s.message);
  const dismiss = useLinkNotice((s) => s.dismiss);
  if (!message) return null;
  return (
    <div className="link-notice" role="alert">
      <p>{message}</p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
