import type { ProtocolHandler } from './page-routing';
import type { Recorder, ScriptedAnswers } from './recorder';
import { strict } from './strict';

/**
 * protocol, dialog, shell and Menu. protocol follows Electron's timing rules (privileged schemes only before
 * ready, handlers only after); dialogs answer what the test scripted (a native dialog would wait for a
 * person) and every call is recorded; shell records and opens nothing; Menu keeps the template.
 */
export function createProtocol(deps: { recorder: Recorder; isReady(): boolean; privileged: Map<string, object>; handlers: Map<string, ProtocolHandler> }) {
  let registered = false;
  return strict('protocol', {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: object }[]) {
      if (deps.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      if (registered) throw new Error('protocol.registerSchemesAsPrivileged can only be called once');
      registered = true;
      deps.recorder.add('protocol.registerSchemesAsPrivileged', [schemes]);
      for (const s of schemes) deps.privileged.set(s.scheme.toLowerCase(), s.privileges ?? {});
    },
    handle(scheme: string, handler: ProtocolHandler) {
      if (!deps.isReady()) throw new Error('protocol.handle can only be used after the app is ready');
      if (deps.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      deps.recorder.add('protocol.handle', [scheme]);
      deps.handlers.set(scheme.toLowerCase(), handler);
    },
    unhandle(scheme: string) {
      deps.handlers.delete(scheme.toLowerCase());
    },
    isProtocolHandled(scheme: string) {
      return deps.handlers.has(scheme.toLowerCase());
    },
  });
}

/** Electron's dialog functions take an optional parent window first. */
function withoutWindow(args: unknown[]): { window: unknown; rest: unknown[] } {
  const first = args[0] as { harnessLabel?: string } | undefined;
  return first && typeof first.harnessLabel === 'string' && first.harnessLabel.startsWith('BrowserWindow') ? { window: first, rest: args.slice(1) } : { window: null, rest: args };
}

export function createDialog(recorder: Recorder, answers: ScriptedAnswers) {
  const asked = (api: string) => (...args: unknown[]) => {
    const { window, rest } = withoutWindow(args);
    recorder.add(api, [window ? 'parent' : 'no parent', ...rest]);
    return answers.take(api);
  };
  const async = (api: string) => {
    const ask = asked(api);
    return (...args: unknown[]) => {
      try {
        return Promise.resolve(ask(...args));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };
  };
  return strict('dialog', {
    showSaveDialog: async('dialog.showSaveDialog'),
    showOpenDialog: async('dialog.showOpenDialog'),
    showMessageBox: async('dialog.showMessageBox'),
    showSaveDialogSync: asked('dialog.showSaveDialogSync'),
    showOpenDialogSync: asked('dialog.showOpenDialogSync'),
    showMessageBoxSync: asked('dialog.showMessageBoxSync'),
    showErrorBox(title: string, content: string) {
      recorder.add('dialog.showErrorBox', [title, content]);
      console.error(`[stand-in dialog.showErrorBox] ${title}: ${content}`);
    },
  });
}

export function createShell(recorder: Recorder) {
  return strict('shell', {
    async openExternal(url: string, options?: object) {
      recorder.add('shell.openExternal', [url, options]);
    },
    showItemInFolder(path: string) {
      recorder.add('shell.showItemInFolder', [path]);
    },
    async openPath(path: string) {
      recorder.add('shell.openPath', [path]);
      return '';
    },
  });
}

export interface MenuItemOptions {
  label?: string;
  role?: string;
  submenu?: MenuItemOptions[];
  click?: (...args: unknown[]) => unknown;
  [key: string]: unknown;
}

export function createMenu(recorder: Recorder) {
  let application: { items: MenuItemOptions[] } | null = null;
  class StandInMenu {
    readonly harnessLabel = 'Menu';
    constructor(readonly items: MenuItemOptions[] = []) {}
    static buildFromTemplate(template: MenuItemOptions[]) {
      recorder.add('Menu.buildFromTemplate', [template]);
      return strict('Menu', new StandInMenu(template));
    }
    static setApplicationMenu(menu: StandInMenu | null) {
      recorder.add('Menu.setApplicationMenu', [menu ? menu.items : null]);
      application = menu;
    }
    static getApplicationMenu() {
      return application;
    }
  }
  return { Menu: StandInMenu, applicationMenu: () => application };
}
