/** Model files on the Models page: export a version as a download, import an `.lsmodel` file; each says how it went. */
import { useState } from 'react';
import { getApi } from '../common/api-client';
import { saveBase64 } from '../common/download';
import { errorMessage } from '../common/error-context';
import { fmtBytes } from '../common/format';

/** A line at the top of the Models page: what an action did, or why it failed. */
export type Notice = { kind: 'info' | 'error'; text: string } | null;

/** Export and import with their notices; `onImported` opens the imported version. */
export function useModelFiles(setNotice: (notice: Notice) => void, onImported: (name: string, version: number) => void) {
  const [importing, setImporting] = useState(false);

  const exportVersion = (name: string, version: number) => {
    getApi()
      .models.exportData({ ref: `${name}@${version}` })
      .then(
        (file) => {
          saveBase64(file.fileName, file.base64);
          setNotice({ kind: 'info', text: `Exported ${name} v${version} as ${file.fileName} (${fmtBytes(file.bytes)}); a copy is kept at ${file.path}.` });
        },
        (err) => setNotice({ kind: 'error', text: `Exporting ${name} v${version} failed: ${errorMessage(err)}` }),
      );
  };

  const importFile = async () => {
    setImporting(true);
    try {
      const picked = await getApi().dialog.openModelFile();
      if (!picked) return;
      const imported = await getApi().models.import({ path: picked.path });
      setNotice({ kind: 'info', text: `Imported ${picked.name} as ${imported.name} v${imported.version}.` });
      onImported(imported.name, imported.version);
    } catch (err) {
      setNotice({ kind: 'error', text: `Importing the model failed: ${errorMessage(err)}` });
    } finally {
      setImporting(false);
    }
  };

  return { exportVersion, importFile, importing };
}
