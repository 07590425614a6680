import { EventEmitter } from 'node:events';

/**
 * ipcMain as Electron documents it: one handler per invoke channel (a second handle() throws), arguments and
 * answers copied with the structured clone algorithm, a thrown error reaching the renderer as
 * "Error invoking remote method '<channel>': <error>". The event carries `sender` (the WebContents),
 * `senderFrame` (the WebFrameMain, whose `url` is a string) and their ids.
 */
export interface InvokeEvent {
  processId: number;
  frameId: number;
  sender: unknown;
  senderFrame: { url: string } | null;
}

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export class StandInIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: Handler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  channels(): string[] {
    return [...this.handlers.keys()];
  }

  /** ipcRenderer.invoke arriving from a page. */
  async invoke(event: InvokeEvent, channel: string, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    let copied: unknown[];
    try {
      copied = structuredClone(args);
    } catch (error) {
      throw new Error(`An object could not be cloned. (${String(error)})`, { cause: error });
    }
    try {
      return structuredClone(await handler(event, ...copied));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
}
