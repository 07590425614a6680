import { EventEmitter } from 'node:events';
import { strict } from './strict';
import { matchesPattern } from './urls';

/**
 * session.defaultSession: the handlers the app installs are recorded, and the harness runs them the way
 * Electron does — onBeforeRequest and onHeadersReceived on every request the page makes (URLs as Electron
 * would report them), the permission handlers when a test asks with Electron's argument shapes, and
 * 'will-download' with a preventable event.
 */
type Callback<T> = (response: T) => void;
type Listener<D, R> = (details: D, callback: Callback<R>) => void;
interface Filter {
  urls: string[];
}
export interface BeforeRequestDetails {
  id: number;
  url: string;
  method: string;
  resourceType: string;
  referrer: string;
  timestamp: number;
  webContentsId?: number;
}
export interface HeadersReceivedDetails extends BeforeRequestDetails {
  statusCode: number;
  statusLine: string;
  responseHeaders: Record<string, string[]>;
}
export interface BeforeRequestResponse {
  cancel?: boolean;
  redirectURL?: string;
}
export interface HeadersReceivedResponse {
  cancel?: boolean;
  responseHeaders?: Record<string, string[] | string>;
  statusLine?: string;
}

class WebRequest {
  beforeRequest: { filter: Filter | null; listener: Listener<BeforeRequestDetails, BeforeRequestResponse> } | null = null;
  headersReceived: { filter: Filter | null; listener: Listener<HeadersReceivedDetails, HeadersReceivedResponse> } | null = null;

  onBeforeRequest(a: unknown, b?: unknown): void {
    this.beforeRequest = listenerOf(a, b) as WebRequest['beforeRequest'];
  }

  onHeadersReceived(a: unknown, b?: unknown): void {
    this.headersReceived = listenerOf(a, b) as WebRequest['headersReceived'];
  }
}

function listenerOf(a: unknown, b: unknown): { filter: Filter | null; listener: unknown } | null {
  // (listener) or (filter, listener); null removes the listener.
  if (b === undefined) return a === null ? null : { filter: null, listener: a };
  return b === null ? null : { filter: a as Filter, listener: b };
}

function applies(filter: Filter | null, url: string): boolean {
  return !filter || filter.urls.length === 0 || filter.urls.some((p) => matchesPattern(p, url));
}

function answer<R>(run: (cb: Callback<R>) => void): Promise<R> {
  return new Promise((resolve) => run(resolve));
}

export class StandInSession extends EventEmitter {
  readonly webRequest = strict('session.webRequest', new WebRequest());
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => unknown) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => unknown) | null = null;

  setPermissionRequestHandler(handler: ((...args: unknown[]) => void) | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: ((...args: unknown[]) => unknown) | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: ((...args: unknown[]) => unknown) | null): void {
    this.devicePermissionHandler = handler;
  }

  /** What the page's request becomes: the session's onBeforeRequest answer, or nothing to say. */
  async beforeRequest(details: BeforeRequestDetails): Promise<BeforeRequestResponse> {
    const h = this.webRequest.beforeRequest;
    if (!h || !applies(h.filter, details.url)) return {};
    return answer((cb) => h.listener(details, cb));
  }

  /** The headers the page receives, after the session's onHeadersReceived. */
  async headersReceived(details: HeadersReceivedDetails): Promise<HeadersReceivedResponse> {
    const h = this.webRequest.headersReceived;
    if (!h || !applies(h.filter, details.url)) return {};
    return answer((cb) => h.listener(details, cb));
  }

  /** setPermissionRequestHandler(handler(webContents, permission, callback, details)): the granted flag. */
  requestPermission(webContents: unknown, permission: string, details: object): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true); // Electron grants by default when no handler is set
    return answer((cb) => handler(webContents, permission, cb, details));
  }

  /** setPermissionCheckHandler(handler(webContents, permission, requestingOrigin, details)): its answer. */
  checkPermission(webContents: unknown, permission: string, requestingOrigin: string, details: object): unknown {
    return this.permissionCheckHandler ? this.permissionCheckHandler(webContents, permission, requestingOrigin, details) : true;
  }

  /** setDevicePermissionHandler(handler(details)): its answer. */
  checkDevice(details: object): unknown {
    return this.devicePermissionHandler ? this.devicePermissionHandler(details) : false;
  }

  /** 'will-download' (event, item, webContents): whether the app prevented the download. */
  willDownload(item: { url: string; filename: string }, webContents: unknown): boolean {
    let prevented = false;
    const downloadItem = strict('DownloadItem', { getURL: () => item.url, getFilename: () => item.filename, cancel: () => (prevented = true), setSavePath: () => {} });
    this.emit('will-download', { preventDefault: () => (prevented = true), defaultPrevented: false }, downloadItem, webContents);
    return prevented;
  }
}
