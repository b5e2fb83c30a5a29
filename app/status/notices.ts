/**
 * Notices that stay until the user acts: a stored layout that could not be read (download it),
 * storage that is full, a share link that replaced the layout (one Undo goes back).
 */
import { create } from 'zustand';

export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Notice {
  id: string;
  message: string;
  tone: 'error' | 'info';
  actions: NoticeAction[];
}

interface NoticesState {
  notices: Notice[];
  /** Shows a notice, replacing one with the same id. */
  show(notice: Notice): void;
  dismiss(id: string): void;
}

export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  show: (notice) => set((state) => ({ notices: [...state.notices.filter((n) => n.id !== notice.id), notice] })),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
}));
