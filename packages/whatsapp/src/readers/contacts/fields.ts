import type { ContactColumnMapping, ContactField } from './types.js';

/**
 * Common header names per field, already normalised by {@link normaliseHeader} (lower case, no
 * accents, letters and digits only). English, Portuguese, Spanish, Italian, French and German
 * spellings, plus what CRMs and WhatsApp tools export.
 */
const SYNONYMS: Readonly<Record<ContactField, readonly string[]>> = {
  phone: [
    'phone',
    'phonenumber',
    'phoneno',
    'phonee164',
    'e164',
    'mobile',
    'mobilenumber',
    'mobilephone',
    'mobileno',
    'cell',
    'cellphone',
    'cellnumber',
    'msisdn',
    'number',
    'tel',
    'telephone',
    'telephonenumber',
    'whatsapp',
    'whatsappnumber',
    'whatsappphone',
    'telefone',
    'celular',
    'numerodetelefone',
    'numerodecelular',
    'numerowhatsapp',
    'telefono',
    'numerodetelefono',
    'movil',
    'cellulare',
    'numeroditelefono',
    'numerotelefono',
    'numero',
    'telephoneportable',
    'portable',
    'telefonnummer',
    'handynummer',
    'handy',
    'mobilnummer',
  ],
  waId: ['waid', 'whatsappid', 'wa', 'wauserid'],
  bsuid: ['bsuid', 'businessscopeduserid'],
  name: [
    'name',
    'fullname',
    'contactname',
    'profilename',
    'displayname',
    'customername',
    'nome',
    'nomecompleto',
    'nombre',
    'nombrecompleto',
    'nomecognome',
    'nom',
    'nomcomplet',
  ],
  firstName: ['firstname', 'givenname', 'primeironome', 'prenom', 'vorname'],
  lastName: [
    'lastname',
    'surname',
    'familyname',
    'sobrenome',
    'apellido',
    'apellidos',
    'cognome',
    'nachname',
  ],
  language: [
    'language',
    'lang',
    'locale',
    'languagecode',
    'idioma',
    'lingua',
    'langue',
    'sprache',
    'waprofilelanguage',
  ],
  country: ['country', 'countrycode', 'countryiso', 'pais', 'paese', 'pays', 'land'],
  email: [
    'email',
    'emailaddress',
    'emailaddr',
    'contactemail',
    'mail',
    'mailaddress',
    'correo',
    'correoelectronico',
    'enderecodeemail',
    'enderecoemail',
    'indirizzoemail',
    'posta',
    'postaelettronica',
    'courriel',
    'adresseemail',
    'adressecourriel',
    'emailadresse',
    'mailadresse',
  ],
  tags: [
    'tags',
    'tag',
    'labels',
    'label',
    'etiquetas',
    'etiqueta',
    'etichette',
    'segments',
    'segment',
    'groups',
  ],
  optedIn: [
    'optedin',
    'optin',
    'whatsappoptin',
    'marketingoptin',
    'consent',
    'consented',
    'consentgiven',
    'subscribed',
    'consentimento',
    'consentimiento',
    'consenso',
    'einwilligung',
    'aceite',
  ],
  optInAt: [
    'optinat',
    'optedinat',
    'optindate',
    'optintime',
    'optintimestamp',
    'consentat',
    'consentdate',
    'consenttime',
    'consenttimestamp',
    'subscribedat',
    'datadoconsentimento',
    'fechadeconsentimiento',
    'dataconsenso',
  ],
  consentText: [
    'consenttext',
    'optintext',
    'consentwording',
    'wording',
    'textodoconsentimento',
    'textoconsentimiento',
  ],
  consentVersion: [
    'consentversion',
    'optinversion',
    'termsversion',
    'tosversion',
    'policyversion',
    'textversion',
  ],
  consentSource: ['source', 'consentsource', 'optinsource', 'origem', 'origen', 'fonte', 'fuente', 'quelle'],
  optedOut: [
    'optedout',
    'optout',
    'unsubscribed',
    'unsubscribe',
    'stop',
    'descadastrado',
    'baja',
    'disiscritto',
  ],
  optOutAt: ['optoutat', 'optedoutat', 'optoutdate', 'optouttime', 'unsubscribedat', 'unsubscribedate'],
  firstSeenAt: [
    'firstseen',
    'firstseenat',
    'createdat',
    'created',
    'datecreated',
    'signupdate',
    'registeredat',
  ],
  lastSeenAt: ['lastseen', 'lastseenat', 'lastmessageat', 'lastactive', 'lastinteraction', 'updatedat'],
};

const FIELDS = Object.keys(SYNONYMS) as ContactField[];

/** Header name -> field, built once from {@link SYNONYMS}. */
const FIELD_BY_HEADER: ReadonlyMap<string, ContactField> = new Map(
  FIELDS.flatMap((field) => SYNONYMS[field].map((header) => [header, field] as const)),
);

/** Lower case, accents removed, letters and digits only: `Número de Teléfono` -> `numerodetelefono`. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Which column index holds each field, and the headers nothing claimed. */
export interface ColumnLayout {
  readonly columns: Readonly<Partial<Record<ContactField, number>>>;
  readonly unused: readonly string[];
}

/** A mapping entry that names a header the file does not have. */
export interface MissingMappedColumn {
  readonly field: ContactField;
  readonly header: string;
}

/**
 * Resolves the header row: explicitly mapped fields first (exact, then normalised header match),
 * then the common names; the first column wins when two headers mean the same field.
 */
export function resolveColumns(
  headers: readonly string[],
  mapping: ContactColumnMapping = {},
): { readonly layout: ColumnLayout; readonly missing: readonly MissingMappedColumn[] } {
  const normalised = headers.map(normaliseHeader);
  const columns: Partial<Record<ContactField, number>> = {};
  const claimed = new Set<number>();
  const missing: MissingMappedColumn[] = [];
  for (const field of FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    let index = headers.indexOf(header);
    if (index < 0) index = normalised.indexOf(normaliseHeader(header));
    if (index < 0) missing.push({ field, header });
    else {
      columns[field] = index;
      claimed.add(index);
    }
  }
  normalised.forEach((header, index) => {
    if (claimed.has(index)) return;
    const field = FIELD_BY_HEADER.get(header);
    if (field === undefined || columns[field] !== undefined || mapping[field] !== undefined) return;
    columns[field] = index;
    claimed.add(index);
  });
  const unused = headers.filter((header, index) => !claimed.has(index) && header.trim() !== '');
  return { layout: { columns, unused }, missing };
}

/** True when the layout can identify a person (a phone, wa_id or BSUID column). */
export function hasIdentifierColumn(layout: ColumnLayout): boolean {
  return (
    layout.columns.phone !== undefined ||
    layout.columns.waId !== undefined ||
    layout.columns.bsuid !== undefined
  );
}

/** True when the layout carries any consent column. */
export function hasConsentColumn(layout: ColumnLayout): boolean {
  const { columns } = layout;
  return (
    columns.optedIn !== undefined ||
    columns.optInAt !== undefined ||
    columns.optedOut !== undefined ||
    columns.optOutAt !== undefined
  );
}
