/** A corner toast showing the progress of a file upload in browser mode. */
import { useEffect, useState } from 'react';
import { fmtBytes } from '../common/format';
import { onUploadProgress, type UploadProgress } from '../common/upload-progress';
import { ProgressBar } from '../common/progress-bar';

/** Shows the current upload while it runs; hides itself when done. */
export function UploadToast() {
  const [p, setP] = useState<UploadProgress | null>(null);
  useEffect(() => onUploadProgress((next) => setP(next.done ? null : next)), []);
  if (!p) return null;
  const fraction = p.total > 0 ? p.loaded / p.total : null;
  return (
    <div className="toast" data-testid="upload-toast" role="status">
      <div className="toast-title">
        Uploading <span className="ellipsis">{p.name}</span>
      </div>
      <ProgressBar fraction={fraction} />
      <div className="toast-meta">
        {fmtBytes(p.loaded)} of {fmtBytes(p.total)}
        {fraction !== null && ` · ${Math.floor(fraction * 100)}%`}
      </div>
    </div>
  );
}
