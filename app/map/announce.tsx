/** Screen-reader announcements of edits made on the map ("KERNEL moved to 0x60000"). */
import { create } from 'zustand';

const useAnnouncement = create<{ text: string; serial: number }>()(() => ({ text: '', serial: 0 }));

export function announce(text: string): void {
  useAnnouncement.setState((state) => ({ text, serial: state.serial + 1 }));
}

export function Announcer() {
  const { text, serial } = useAnnouncement();
  return (
    <div className="sr-only" role="status" aria-live="assertive" aria-label="Map announcements" data-serial={serial}>
      {text}
    </div>
  );
}
