import { useNotices } from './notices';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.message}</p>
          {notice.actions.map((action) => (
            <button
              key={action.label}
              type="button"
              onClick={() => {
                action.run();
                dismiss(notice.id);
              }}
            >
              {action.label}
            </button>
          ))}
          <button type="button" onClick={() => dismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
