import type { Handlers } from '../api/contract';
import { AppError } from '../errors';
import { realFs, TargetFile, type TargetFs } from '../export/target-file';
import { decodePng, safeImageName } from '../images/png';
import type { ChooseExportPath } from './types';

export interface ImageHandlerDeps {
  /** The desktop app's native save dialog (the same one exports use); absent in the browser host. */
  chooseExportPath?: ChooseExportPath;
  /** Remembers a written file, so that "show in folder" (export/reveal) accepts it. */
  remember: (path: string) => void;
  /** File-system calls of the write; tests substitute failures (a full disk). */
  fs?: TargetFs;
}

/**
 * Save as PNG in the desktop app, where the window's session refuses downloads (the renderer chooses no
 * path): the renderer sends the chart's picture, the service checks it is one PNG within bounds before
 * anything else, the main process asks where in the native save dialog, and only that path is written,
 * readable by this user only (0600, like exports), whole or not at all. A closed dialog is a `cancelled`
 * error, which the UI does not report. The browser host keeps the browser's own download and refuses this.
 */
export function imageHandlers(deps: ImageHandlerDeps): Pick<Handlers, 'insights/save-image'> {
  return {
    'insights/save-image': async ({ name, png }) => {
      const choose = deps.chooseExportPath;
      if (!choose) throw new AppError('bad-input', 'Saving a chart through the app is for the desktop app; in the browser the chart is saved by the browser\'s own download.');
      const image = decodePng(png);
      const path = await choose({ name: safeImageName(name), format: 'png' });
      if (!path) throw new AppError('cancelled', 'Chart not saved: no file was chosen.');
      const file = await TargetFile.create(path, deps.fs ?? realFs);
      try {
        await file.write(image.bytes);
        await file.commit();
      } catch (error) {
        await file.discard();
        throw error;
      }
      deps.remember(path);
      return { path };
    },
  };
}
