import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '@ferry/sandbox';

interface CountryPlan {
  readonly country: string;
  readonly language: string;
  readonly weight: number;
  /** A valid mobile number for a serial number (unique per serial below 10^6). */
  readonly phone: (serial: number) => string;
  readonly names: readonly string[];
}

const six = (serial: number) => String(serial).padStart(6, '0');

// Mobile ranges that exist in each numbering plan, so the importer accepts them.
const COUNTRIES: readonly CountryPlan[] = [
  {
    country: 'BR',
    language: 'pt_BR',
    weight: 30,
    phone: (n) => `+55 11 9${String(7100 + (n % 800))}-${six(n).slice(2)}`,
    names: ['Ana', 'João', 'Maria', 'Pedro', 'Luiza'],
  },
  {
    country: 'IT',
    language: 'it',
    weight: 20,
    phone: (n) => `+39 347 ${six(n)}${n % 10}`,
    names: ['Giulia', 'Marco', 'Sofia', 'Luca'],
  },
  {
    country: 'ES',
    language: 'es',
    weight: 15,
    phone: (n) => `+34 612 ${six(n)}`,
    names: ['Lucía', 'Hugo', 'Martina', 'Pablo'],
  },
  {
    country: 'MX',
    language: 'es_MX',
    weight: 15,
    phone: (n) => `+52 55 12${six(n)}`,
    names: ['Valeria', 'Diego', 'Camila'],
  },
  {
    country: 'DE',
    language: 'de',
    weight: 10,
    phone: (n) => `+49 151 2${six(n)}0`,
    names: ['Lena', 'Paul', 'Mia', 'Felix'],
  },
  {
    country: 'IN',
    language: 'en',
    weight: 10,
    phone: (n) => `+91 98${String(100 + (n % 800)).padStart(3, '0')} ${six(n).slice(1)}`,
    names: ['Aarav', 'Diya', 'Vihaan'],
  },
];

/** One generated contact, as written to the CSV. */
export interface SampleContact {
  readonly phone: string;
  readonly name: string;
  readonly language: string;
  readonly country: string;
  readonly optedIn: boolean;
  readonly optedOut: boolean;
  /** True for the few rows with a broken number (the importer rejects them). */
  readonly invalid: boolean;
}

/** Generates `count` contacts: six countries, ~90% opted in, ~2% opted out, ~1% unusable numbers. */
export function generateContacts(count: number, seed: number): SampleContact[] {
  const random = seededRandom(seed);
  const total = COUNTRIES.reduce((sum, country) => sum + country.weight, 0);
  const contacts: SampleContact[] = [];
  for (let serial = 1; serial <= count; serial++) {
    const pick = random() * total;
    let cumulative = 0;
    const plan =
      COUNTRIES.find((country) => {
        cumulative += country.weight;
        return pick < cumulative;
      }) ?? (COUNTRIES[0] as CountryPlan);
    const invalid = random() < 0.01;
    const optedOut = random() < 0.02;
    contacts.push({
      phone: invalid ? `${serial}0` : plan.phone(serial),
      name: `${plan.names[Math.floor(random() * plan.names.length)] ?? 'Sam'} ${serial}`,
      language: plan.language,
      country: plan.country,
      optedIn: random() < 0.9,
      optedOut,
      invalid,
    });
  }
  return contacts;
}

const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The contacts as an opt-in export CSV (phone, name, language, country, opted_in, opt_in_at, opted_out). */
export function contactsCsv(contacts: readonly SampleContact[]): string {
  const lines = ['phone,name,language,country,opted_in,opt_in_at,opted_out'];
  contacts.forEach((contact, index) => {
    const day = String((index % 28) + 1).padStart(2, '0');
    lines.push(
      [
        contact.phone,
        contact.name,
        contact.language,
        contact.country,
        contact.optedIn ? 'yes' : 'no',
        contact.optedIn ? `2025-03-${day}T12:00:00Z` : '',
        contact.optedOut ? 'yes' : 'no',
      ]
        .map(cell)
        .join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}

/** Writes the generated contacts CSV into `dir` and returns its path. */
export async function writeSampleContacts(dir: string, count: number, seed: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'contacts.csv');
  await writeFile(file, contactsCsv(generateContacts(count, seed)), 'utf8');
  return file;
}
