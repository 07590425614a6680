import { basename } from 'node:path';
import type { CacheProblem } from '../core/store/backend';
import { externalBrowserUrl } from './urls';

/**
 * The text and buttons of every dialog the main process shows, built from plain values so tests can read
 * them. Spanish when the OS is, else English (as the menu). The shape is Electron's MessageBoxOptions.
 */
export interface MessageBox {
  type: 'question' | 'warning' | 'error';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

export type Lang = 'en' | 'es';

export function langOf(locale: string): Lang {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

const MAX_SHOWN_URL = 300;

/**
 * "Open example.com in your browser?", naming the host as the URL parser reads it: an internationalised
 * lookalike shows as its xn-- form, and a user:pw@ prefix never gets here (externalBrowserUrl refuses it).
 * Null when the URL may not be opened at all.
 */
export function externalOpenPrompt(url: string, locale: string): MessageBox | null {
  const href = externalBrowserUrl(url);
  if (!href) return null;
  const host = new URL(href).host;
  const shown = href.length > MAX_SHOWN_URL ? `${href.slice(0, MAX_SHOWN_URL)}…` : href;
  const es = langOf(locale) === 'es';
  return {
    type: 'question',
    title: 'Wolkvox Audit',
    message: es ? `¿Abrir ${host} en su navegador?` : `Open ${host} in your browser?`,
    detail: es
      ? `El enlace lleva a un sitio fuera de Wolkvox Audit:\n${shown}`
      : `The link leads to a site outside Wolkvox Audit:\n${shown}`,
    buttons: es ? ['Abrir en el navegador', 'Cancelar'] : ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** After a renderer crash: reload the window (the service kept running, nothing saved is lost) or quit. */
export function crashPrompt(reason: string, locale: string): MessageBox {
  const es = langOf(locale) === 'es';
  return {
    type: 'warning',
    title: 'Wolkvox Audit',
    message: es ? 'La ventana de Wolkvox Audit dejó de funcionar' : 'The Wolkvox Audit window stopped working',
    detail: es
      ? `Motivo: ${reason}. Las revisiones y los datos sincronizados están guardados; recargar la ventana no pierde nada.`
      : `Reason: ${reason}. Your reviews and synced data are saved; reloading the window loses nothing.`,
    buttons: es ? ['Recargar', 'Salir'] : ['Reload', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}

/** The cache cannot be used: move it aside under `movedTo` (never deleted) and start fresh, or quit. */
export function cacheProblemPrompt(problem: CacheProblem, dbPath: string, movedTo: string, locale: string): MessageBox {
  const es = langOf(locale) === 'es';
  const message = es ? CACHE_MESSAGES_ES[problem.kind] : CACHE_MESSAGES_EN[problem.kind];
  const moved = basename(movedTo);
  const detail = es
    ? `${problem.message}\n\nArchivo: ${dbPath}\n\nWolkvox Audit puede apartarlo (se renombra a ${moved}; no se borra nada) y empezar con una caché vacía. Las interacciones se vuelven a obtener con una sincronización; el archivo apartado se conserva para soporte.`
    : `${problem.message}\n\nFile: ${dbPath}\n\nWolkvox Audit can move it aside (renamed to ${moved}; nothing is deleted) and start with an empty cache. Interactions are fetched again by a sync; the moved file is kept for support.`;
  return {
    type: 'error',
    title: 'Wolkvox Audit',
    message,
    detail,
    buttons: es ? ['Apartarla y empezar de nuevo', 'Salir'] : ['Move it aside and start fresh', 'Quit'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

const CACHE_MESSAGES_EN: Record<CacheProblem['kind'], string> = {
  corrupt: 'The local cache is damaged and cannot be read.',
  newer: 'The local cache was written by a newer version of Wolkvox Audit.',
  foreign: 'The local cache file belongs to another program.',
  'unknown-history': 'The local cache comes from a build of Wolkvox Audit this one does not recognise.',
};

const CACHE_MESSAGES_ES: Record<CacheProblem['kind'], string> = {
  corrupt: 'La caché local está dañada y no se puede leer.',
  newer: 'La caché local la escribió una versión más reciente de Wolkvox Audit.',
  foreign: 'El archivo de la caché local pertenece a otro programa.',
  'unknown-history': 'La caché local viene de una versión de Wolkvox Audit que esta no reconoce.',
};
