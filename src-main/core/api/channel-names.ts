/**
 * The names people use for the API's channel words (`facebook_page` is Facebook): for exports with friendly
 * headers and for anything on screen. Shared by the core and the renderer. An unknown channel keeps its word,
 * made readable ("web_chat" reads "Web chat"), so nothing is hidden.
 */
const NAMES: Record<string, { en: string; es: string }> = {
  email: { en: 'Email', es: 'Correo' },
  whatsapp: { en: 'WhatsApp', es: 'WhatsApp' },
  facebook_page: { en: 'Facebook', es: 'Facebook' },
  facebook: { en: 'Facebook', es: 'Facebook' },
  instagram: { en: 'Instagram', es: 'Instagram' },
  twitter: { en: 'Twitter (X)', es: 'Twitter (X)' },
  telegram: { en: 'Telegram', es: 'Telegram' },
  webchat: { en: 'Web chat', es: 'Chat web' },
  web_chat: { en: 'Web chat', es: 'Chat web' },
  sms: { en: 'SMS', es: 'SMS' },
};

export function channelName(channel: string, language: 'en' | 'es' = 'en'): string {
  const known = NAMES[channel.trim().toLowerCase()];
  if (known) return known[language];
  const words = channel.replace(/_+/g, ' ').trim();
  return words === '' ? channel : words.charAt(0).toUpperCase() + words.slice(1);
}
