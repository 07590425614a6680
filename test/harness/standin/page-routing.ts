import type { Page, Request as PwRequest, Route } from 'playwright-core';
import type { StandInSession } from './session';
import type { UrlMap } from './urls';

/**
 * Every request of a window's page passes here, in the order Electron applies its rules: 'will-navigate'
 * for a navigation the page started (not one loadURL or reload asked for), then the session's
 * onBeforeRequest, then the answer — from the protocol.handle handler for a privileged scheme (called with a
 * real Request carrying the app:// URL, its Response turned into the page's response), else from the
 * network — then the session's onHeadersReceived on the headers the page will see.
 */
export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export interface RoutingHost {
  urls: UrlMap;
  session: StandInSession;
  webContentsId: number;
  /** A new id for Electron's request details (ids are per session in Electron). */
  requestId(): number;
  protocolHandler(scheme: string): ProtocolHandler | undefined;
  /** True when the main process itself asked for this navigation (loadURL, reload). */
  expectedNavigation(electronUrl: string): boolean;
  /** Emits 'will-navigate'; true when a listener prevented it. */
  willNavigate(electronUrl: string): boolean;
  onError(error: unknown): void;
  /** The contextBridge stand-in's synchronous channel (page-bridge.ts), if the window has a preload. */
  bridge?: { isBridgeRequest(url: string): boolean; handleSync(fromTopFrame: boolean, body: string): unknown };
}

const RESOURCE_TYPES: Record<string, string> = { document: 'mainFrame', stylesheet: 'stylesheet', image: 'image', media: 'media', font: 'font', script: 'script', xhr: 'xhr', fetch: 'xhr', websocket: 'webSocket', manifest: 'other', other: 'other' };

function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

export async function installRouting(page: Page, host: RoutingHost): Promise<void> {
  await page.route('**/*', async (route) => {
    try {
      await handle(page, route, route.request(), host);
    } catch (error) {
      host.onError(error);
      await route.abort('failed').catch(() => {});
    }
  });
}

async function handle(page: Page, route: Route, request: PwRequest, host: RoutingHost): Promise<void> {
  if (host.bridge?.isBridgeRequest(request.url())) {
    const reply = host.bridge.handleSync(request.frame() === page.mainFrame(), request.postData() ?? '');
    return route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(reply) });
  }
  const url = host.urls.toElectron(request.url());
  const topNavigation = request.isNavigationRequest() && request.frame() === page.mainFrame();
  if (topNavigation && !host.expectedNavigation(url)) {
    const current = host.urls.toElectron(page.url());
    if (withoutHash(current) !== withoutHash(url) && host.willNavigate(url)) return route.abort('aborted');
  }
  const base = {
    id: host.requestId(),
    url,
    method: request.method(),
    resourceType: request.isNavigationRequest() ? (topNavigation ? 'mainFrame' : 'subFrame') : (RESOURCE_TYPES[request.resourceType()] ?? 'other'),
    referrer: (await request.headerValue('referer')) ?? '',
    timestamp: Date.now(),
    webContentsId: host.webContentsId,
  };
  const before = await host.session.beforeRequest(base);
  if (before.cancel) return route.abort('blockedbyclient');
  if (before.redirectURL) return route.fulfill({ status: 307, headers: { location: host.urls.toPage(before.redirectURL) } });

  let status: number;
  let headers: Record<string, string[]>;
  let body: Buffer;
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  const handler = host.protocolHandler(scheme);
  if (handler && url !== request.url()) {
    const post = request.postDataBuffer();
    const response = await handler(new Request(url, { method: request.method(), headers: await request.allHeaders(), body: post && request.method() !== 'GET' && request.method() !== 'HEAD' ? new Uint8Array(post) : undefined }));
    status = response.status;
    headers = {};
    response.headers.forEach((value, name) => (headers[name] = [...(headers[name] ?? []), value]));
    body = Buffer.from(await response.arrayBuffer());
  } else if (url !== request.url()) {
    // A privileged scheme with no handler: Electron fails the load.
    return route.abort('failed');
  } else {
    const response = await route.fetch().catch(() => null);
    // Nothing listens there (a dev server that is not running): a network error, as in Electron.
    if (!response) return route.abort('connectionrefused');
    status = response.status();
    headers = {};
    for (const h of response.headersArray()) headers[h.name] = [...(headers[h.name] ?? []), h.value];
    body = await response.body();
  }
  const after = await host.session.headersReceived({ ...base, statusCode: status, statusLine: `HTTP/1.1 ${status}`, responseHeaders: headers });
  if (after.cancel) return route.abort('blockedbyclient');
  const finalHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(after.responseHeaders ?? headers)) finalHeaders[name] = Array.isArray(value) ? value.join(', ') : String(value);
  await route.fulfill({ status, headers: finalHeaders, body });
}
