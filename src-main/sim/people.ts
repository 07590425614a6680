import type { Language } from './topics';

/** Agents of the simulated operation. Accents and an apostrophe on purpose: they travel through SQL, FTS, CSV and xlsx. */
export const AGENTS: readonly string[] = [
  'María José Peña',
  'Andrés Felipe Gómez',
  'Luisa Fernanda Ríos',
  'Carlos Muñoz',
  'Valentina Ospina',
  'Juan Camilo Herrera',
  'Sofía Castaño',
  'Daniel Londoño',
  'Natalia Zuluaga',
  'Santiago Bermúdez',
  'Camila Vélez',
  'Jorge Iván Ramírez',
  'Paula Andrea Cárdenas',
  "Kevin O'Brien",
  'Emily Johnson',
];

/** Agents who also staff the English queue. */
export const ENGLISH_AGENTS: readonly string[] = ["Kevin O'Brien", 'Emily Johnson', 'Santiago Bermúdez', 'Camila Vélez'];

export interface Customer {
  name: string;
  /** Accent-free lowercase handle for e-mail addresses and social handles. */
  handle: string;
}

const FIRST_ES = ['Laura', 'Andrés', 'Diana', 'Julián', 'Mónica', 'Sebastián', 'Ximena', 'Óscar', 'Ángela', 'Nicolás', 'Catalina', 'Hernán', 'Yolanda', 'Iñaki', 'Beatriz', 'Tatiana', 'Édgar', 'Lucía'];
const LAST_ES = ['Gómez', 'Rodríguez', 'Martínez', 'Pérez', 'Núñez', 'Ibáñez', 'Restrepo', 'Londoño', 'Quintero', 'Muñoz', 'Suárez', 'Rincón', 'Patiño', 'Ordóñez', 'Salazar', 'Durán'];
const FIRST_EN = ['John', 'Sarah', 'Michael', 'Jessica', 'David', 'Emily', 'Chris', 'Ashley', 'Matthew', 'Olivia', 'Ryan', 'Megan', 'Zoë', 'Chloé'];
const LAST_EN = ['Smith', 'Johnson', 'Williams', 'Brown', "O'Connor", 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'McAllister'];

function handleOf(first: string, last: string): string {
  return `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f']/g, '')
    .toLowerCase();
}

function customersOf(firsts: string[], lasts: string[]): Customer[] {
  return firsts.flatMap((first) => lasts.map((last) => ({ name: `${first} ${last}`, handle: handleOf(first, last) })));
}

/** Every first × last combination, built once so a record only picks an index. */
export const CUSTOMERS: Record<Language, readonly Customer[]> = {
  es: customersOf(FIRST_ES, LAST_ES),
  en: customersOf(FIRST_EN, LAST_EN),
};

export const MAIL_DOMAINS: readonly string[] = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.es', 'une.net.co', 'icloud.com'];

export const CHANNELS = ['Email', 'WhatsApp', 'facebook_page', 'instagram', 'twitter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Cumulative shares of the channels above (e-mail and WhatsApp carry most of the traffic). */
export const CHANNEL_CUMULATIVE: readonly number[] = [0.35, 0.6, 0.75, 0.87, 1];

/** The operation's own addresses on each channel. */
export const BRAND = {
  email: 'soporte@tiendaaurora.com.co',
  facebook: '104857392011 - Tienda Aurora',
  instagram: '@tiendaaurora',
  twitter: '@TiendaAuroraCo',
  whatsapp: '573001234567 - Tienda Aurora',
} as const;
