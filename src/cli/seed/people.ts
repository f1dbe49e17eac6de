/**
 * Demo customers and organisations (creator agencies). All email addresses use the reserved
 * `.example` top-level domain and phone numbers come from ranges reserved for fiction, so no real
 * person can ever be contacted from the demo.
 */
import type { Rng } from './prng.js';

export interface Country {
  code: string;
  locale: string;
  timeZone: string;
  /** Rough UTC offset in hours (for plausible local office hours; DST ignored). */
  utcOffset: number;
  weight: number;
  first: string[];
  last: string[];
  mail: string[];
}

export const COUNTRIES: Country[] = [
  { code: 'DE', locale: 'de-DE', timeZone: 'Europe/Berlin', utcOffset: 1, weight: 14, first: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Marie', 'Paul', 'Sophie', 'Tim', 'Laura'], last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'], mail: ['post.de.example', 'webmail.de.example'] },
  { code: 'FR', locale: 'fr-FR', timeZone: 'Europe/Paris', utcOffset: 1, weight: 10, first: ['Camille', 'Hugo', 'Léa', 'Louis', 'Chloé', 'Lucas', 'Manon', 'Théo'], last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Leroy'], mail: ['courrier.fr.example', 'mail.fr.example'] },
  { code: 'ES', locale: 'es-ES', timeZone: 'Europe/Madrid', utcOffset: 1, weight: 8, first: ['Lucía', 'Hugo', 'Martina', 'Pablo', 'Sofía', 'Daniel', 'Carmen', 'Álvaro'], last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez'], mail: ['correo.es.example'] },
  { code: 'IT', locale: 'it-IT', timeZone: 'Europe/Rome', utcOffset: 1, weight: 7, first: ['Giulia', 'Leonardo', 'Sofia', 'Francesco', 'Aurora', 'Alessandro', 'Chiara'], last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo'], mail: ['posta.it.example'] },
  { code: 'PL', locale: 'pl-PL', timeZone: 'Europe/Warsaw', utcOffset: 1, weight: 6, first: ['Zuzanna', 'Jakub', 'Julia', 'Antoni', 'Maja', 'Szymon', 'Hanna'], last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski'], mail: ['poczta.pl.example'] },
  { code: 'NL', locale: 'nl-NL', timeZone: 'Europe/Amsterdam', utcOffset: 1, weight: 5, first: ['Emma', 'Daan', 'Tess', 'Sem', 'Julia', 'Lucas', 'Mila'], last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser'], mail: ['mail.nl.example'] },
  { code: 'GB', locale: 'en-GB', timeZone: 'Europe/London', utcOffset: 0, weight: 12, first: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Noah', 'Freya'], last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans'], mail: ['mail.uk.example', 'inbox.uk.example'] },
  { code: 'US', locale: 'en-US', timeZone: 'America/New_York', utcOffset: -5, weight: 14, first: ['Liam', 'Olivia', 'James', 'Emma', 'Ethan', 'Mia', 'Mason', 'Harper', 'Aiden'], last: ['Johnson', 'Miller', 'Davis', 'Anderson', 'Jackson', 'Harris', 'Clark', 'Lewis'], mail: ['mail.us.example', 'inbox.example'] },
  { code: 'US', locale: 'en-US', timeZone: 'America/Los_Angeles', utcOffset: -8, weight: 6, first: ['Ava', 'Lucas', 'Chloe', 'Mateo', 'Zoe', 'Ryan'], last: ['Nguyen', 'Kim', 'Lopez', 'Walker', 'Young', 'Hall'], mail: ['mail.us.example'] },
  { code: 'BR', locale: 'pt-BR', timeZone: 'America/Sao_Paulo', utcOffset: -3, weight: 8, first: ['Miguel', 'Helena', 'Arthur', 'Alice', 'Gael', 'Laura', 'Heitor', 'Valentina'], last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Almeida'], mail: ['correio.br.example'] },
  { code: 'IN', locale: 'en-IN', timeZone: 'Asia/Kolkata', utcOffset: 5.5, weight: 8, first: ['Aarav', 'Diya', 'Vivaan', 'Ananya', 'Aditya', 'Isha', 'Arjun', 'Saanvi'], last: ['Sharma', 'Patel', 'Gupta', 'Reddy', 'Iyer', 'Singh', 'Nair'], mail: ['mail.in.example'] },
  { code: 'MX', locale: 'es-MX', timeZone: 'America/Mexico_City', utcOffset: -6, weight: 3, first: ['Santiago', 'Regina', 'Emiliano', 'Ximena', 'Diego'], last: ['Hernández', 'Ramírez', 'Torres', 'Flores', 'Cruz'], mail: ['correo.mx.example'] },
  { code: 'SE', locale: 'sv-SE', timeZone: 'Europe/Stockholm', utcOffset: 1, weight: 2, first: ['Alice', 'William', 'Elsa', 'Hugo', 'Astrid'], last: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson'], mail: ['post.se.example'] },
  { code: 'JP', locale: 'ja-JP', timeZone: 'Asia/Tokyo', utcOffset: 9, weight: 2, first: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren'], last: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe'], mail: ['mail.jp.example'] },
];

export const AGENCIES: Array<{ name: string; domain: string; country: string }> = [
  { name: 'Northlight Talent', domain: 'northlight-talent.example', country: 'GB' },
  { name: 'Pixelwave Creators', domain: 'pixelwave.example', country: 'US' },
  { name: 'Kreativ Kollektiv', domain: 'kreativ-kollektiv.example', country: 'DE' },
  { name: 'Studio Lumière', domain: 'studio-lumiere.example', country: 'FR' },
  { name: 'Onda Media', domain: 'onda-media.example', country: 'ES' },
  { name: 'Viral Vista Agency', domain: 'viralvista.example', country: 'IN' },
  { name: 'Samba Social', domain: 'samba-social.example', country: 'BR' },
  { name: 'Polaris Influence', domain: 'polaris-influence.example', country: 'PL' },
  { name: 'Tulip Creative', domain: 'tulip-creative.example', country: 'NL' },
  { name: 'Bella Reels', domain: 'bellareels.example', country: 'IT' },
  { name: 'Sunset Boulevard Talent', domain: 'sunset-talent.example', country: 'US' },
];

export interface DemoCustomer {
  key: number;
  name: string;
  firstName: string;
  email: string;
  country: Country;
  /** Index into AGENCIES, or -1. */
  agency: number;
  isCreator: boolean;
  tier: 'standard' | 'vip';
  extraEmail: string | null;
  phone: string | null;
  externalId: string | null;
}

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/[^a-zA-Z]+/g, '').toLowerCase();

/** Phone numbers reserved for drama/fiction: UK 07700 900xxx, US 555-01xx. */
function fictionalPhone(rng: Rng, country: string): string | null {
  if (country === 'GB') return `+447700900${String(rng.int(0, 999)).padStart(3, '0')}`;
  if (country === 'US') return `+1${rng.pick(['202', '212', '310', '415', '646'])}55501${String(rng.int(0, 99)).padStart(2, '0')}`;
  return null;
}

/** ~300 customers: app users (Clipster) and creators (Creator Market), some in agencies. */
export function generateCustomers(rng: Rng, count: number): DemoCustomer[] {
  const out: DemoCustomer[] = [];
  const used = new Set<string>();
  const countryPairs = COUNTRIES.map((c) => [c, c.weight] as const);
  for (let i = 0; i < count; i++) {
    const isCreator = i % 10 < 3; // 30 % creators
    const agency = isCreator && rng.chance(0.6) ? rng.int(0, AGENCIES.length - 1) : -1;
    const country = agency >= 0 && rng.chance(0.7) ? COUNTRIES.find((c) => c.code === AGENCIES[agency].country)! : rng.weighted(countryPairs);
    const first = rng.pick(country.first);
    const last = rng.pick(country.last);
    let local = `${ascii(first)}.${ascii(last)}`;
    const domain = agency >= 0 ? AGENCIES[agency].domain : rng.pick(country.mail);
    if (agency < 0 && rng.chance(0.4)) local = `${ascii(first)}${ascii(last).slice(0, 3)}${rng.int(10, 99)}`;
    let email = `${local}@${domain}`;
    for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
    used.add(email);
    const extraDomain = rng.pick(country.mail);
    let extraEmail: string | null = rng.chance(agency >= 0 ? 0.5 : 0.12) ? `${ascii(first)}${rng.int(100, 999)}@${extraDomain}` : null;
    if (extraEmail && used.has(extraEmail)) extraEmail = null;
    if (extraEmail) used.add(extraEmail);
    out.push({
      key: i,
      name: `${first} ${last}`,
      firstName: first,
      email,
      country,
      agency,
      isCreator,
      tier: rng.chance(isCreator ? 0.15 : 0.06) ? 'vip' : 'standard',
      extraEmail,
      phone: rng.chance(0.5) ? fictionalPhone(rng, country.code) : null,
      externalId: isCreator ? `creator-${100000 + i * 37}` : rng.chance(0.25) ? `user-${5000000 + i * 131}` : null,
    });
  }
  // Phones must be unique per workspace.
  const phones = new Set<string>();
  for (const c of out) {
    if (c.phone && phones.has(c.phone)) c.phone = null;
    if (c.phone) phones.add(c.phone);
  }
  return out;
}
