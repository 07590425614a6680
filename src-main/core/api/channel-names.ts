/**
 * The names people know the API's channel values by ("facebook_page" is Facebook), in both languages of
 * the UI: one mapping for the facets, the grid, the conversation and Insights (and any writer that shows
 * names). The API's value stays what is stored, filtered on and exported under `--headers api`.
 */
export type ChannelLang = 'en' | 'es';

const KNOWN: Readonly<Record<string, Readonly<Record<ChannelLang, string>>>> = {
  // "Correo", as Spanish mail apps say: short enough for the grid's channel column.
  email: { en: 'Email', es: 'Correo' },
  mail: { en: 'Email', es: 'Correo' },
  facebook_page: { en: 'Facebook', es: 'Facebook' },
  facebook: { en: 'Facebook', es: 'Facebook' },
  messenger: { en: 'Messenger', es: 'Messenger' },
  instagram: { en: 'Instagram', es: 'Instagram' },
  twitter: { en: 'X (Twitter)', es: 'X (Twitter)' },
  whatsapp: { en: 'WhatsApp', es: 'WhatsApp' },
  telegram: { en: 'Telegram', es: 'Telegram' },
  sms: { en: 'SMS', es: 'SMS' },
  chat: { en: 'Web chat', es: 'Chat web' },
  webchat: { en: 'Web chat', es: 'Chat web' },
  web_chat: { en: 'Web chat', es: 'Chat web' },
};

/**
 * The channel's name in the language; a value we do not know is shown as the API sent it (a new channel
 * must still be told apart from the others), and '' stays '' for the caller's "(empty)".
 */
export function channelName(value: string, lang: ChannelLang): string {
  const known = KNOWN[value.trim().toLowerCase().replace(/[\s-]+/g, '_')];
  return known ? known[lang] : value;
}
