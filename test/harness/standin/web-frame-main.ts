/**
 * The main frame of a window as Electron's WebFrameMain reports it: one stable object per webContents
 * (ipc.ts compares `event.senderFrame === win.webContents.mainFrame`), its `url` the frame's current URL as
 * a string in the app's own scheme. The app's preload runs in the top frame only, so it has no child frames.
 */
export class WebFrameMain {
  readonly harnessLabel = 'WebFrameMain(main)';
  readonly parent = null;
  readonly frames: WebFrameMain[] = [];
  readonly processId = 1;
  readonly routingId = 1;

  constructor(private readonly currentUrl: () => string) {}

  get url(): string {
    return this.currentUrl();
  }

  get top(): WebFrameMain {
    return this;
  }
}
