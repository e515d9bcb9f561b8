/**
 * The admin in Norwegian (bokmål) where Payload's own Norwegian falls short.
 *
 * - `NB_TRANSLATIONS`: custom translations for Payload's i18n (config `i18n.translations.nb`).
 * - `LEXICAL_NB`: better wording for some of the rich-text editor's own keys (`lexical:*`).
 * - The rest is English that Payload and its rich-text editor write into the page without
 *   going through i18n (aria-labels, the table menu, the date picker's time column): the
 *   AdminLanguage provider puts these Norwegian texts in their place as the page renders.
 */
import { osloDateTime } from '../lib/dates'

/** Merged into Payload's Norwegian translations. */
export const NB_TRANSLATIONS = {
  general: {
    // «Søk etter kapittelnummer eller tittel», not «… Eller …».
    or: 'eller',
    // An empty cell in a list: not «<Ingen Kapittelnummer>».
    noLabel: '(tomt)',
    // The account page's heading over language and theme: not «Payload-innstillinger».
    payloadSettings: 'Innstillinger',
  },
  version: {
    // «Publiser» beside «Avpubliser» in the schedule drawer, not «Publisere».
    publish: 'Publiser',
    scheduledSuccessfully: 'Publiseringen er planlagt.',
  },
} as const

/** Wording for the rich-text editor's own keys, over its Norwegian (`lexical:<feature>:<key>`). */
export const LEXICAL_NB = {
  horizontalRule: { label: 'Skillelinje' },
  indent: { increaseLabel: 'Øk innrykk', decreaseLabel: 'Reduser innrykk' },
  align: { alignJustifyLabel: 'Blokkjuster' },
  blocks: { inlineBlocks: { label: 'Innebygde blokker' } },
  blockquote: { label: 'Sitat' },
  orderedList: { label: 'Nummerert liste' },
  unorderedList: { label: 'Punktliste' },
} as const

/** Tooltips (title and aria-label) for the editor's toolbar buttons, by their `data-button-key`. */
export const TOOLBAR_LABELS: Record<string, string> = {
  bold: 'Fet',
  italic: 'Kursiv',
  underline: 'Understreket',
  strikethrough: 'Gjennomstreket',
  subscript: 'Senket skrift',
  superscript: 'Hevet skrift',
  inlineCode: 'Kode',
  link: 'Lenke',
  paragraph: 'Normal tekst',
  h1: 'Overskrift 1',
  h2: 'Overskrift 2',
  h3: 'Overskrift 3',
  h4: 'Overskrift 4',
  h5: 'Overskrift 5',
  h6: 'Overskrift 6',
  alignLeft: 'Venstrejuster',
  alignCenter: 'Midtstill',
  alignRight: 'Høyrejuster',
  alignJustify: 'Blokkjuster',
  indentIncrease: 'Øk innrykk',
  indentDecrease: 'Reduser innrykk',
  unorderedList: 'Punktliste',
  orderedList: 'Nummerert liste',
  checklist: 'Sjekkliste',
  blockquote: 'Sitat',
  horizontalRule: 'Skillelinje',
  table: 'Tabell',
}

/** English attribute values (aria-label, title, placeholder) Payload writes as they are. */
export const ATTRIBUTE_TEXTS: Record<string, string> = {
  'Edit link': 'Rediger lenke',
  'Remove link': 'Fjern lenke',
  'Drag to move': 'Dra for å flytte',
  'Add block': 'Legg til blokk',
  'text dropdown': 'Teksttype',
  'align dropdown': 'Justering',
  'add dropdown': 'Sett inn',
  'features dropdown': 'Formatering',
  'Add Row': 'Legg til rad',
  'Add Column': 'Legg til kolonne',
  'Open table actions': 'Tabellvalg',
  'Insert Paragraph': 'Sett inn avsnitt',
  'Slash menu': 'Kommandomeny',
  'Notifications alt+T': 'Varsler alt+T',
  // Each toast's close button.
  'Close toast': 'Lukk varsel',
  // Checkboxes carry their field's name as a tooltip.
  newTab: 'Åpne i ny fane',
  'select-all': 'Velg alle',
  // The date picker.
  'Choose Date and Time': 'Velg dato og klokkeslett',
  'Choose Date': 'Velg dato',
  'Choose Time': 'Velg klokkeslett',
  'Next Month': 'Neste måned',
  'Previous Month': 'Forrige måned',
  'Next Year': 'Neste år',
  'Previous Year': 'Forrige år',
}

/** The date picker's aria-labels start with an English word: «Choose mandag 30. november 2026». */
const ATTRIBUTE_PREFIXES: Array<[string, string]> = [
  ['Choose ', 'Velg '],
  ['Not available ', 'Ikke tilgjengelig: '],
  ['Month ', 'Måned '],
  ['month ', 'måned '],
  ['week ', 'uke '],
]

/**
 * The Norwegian for an English attribute value (aria-label, title, placeholder), or null.
 * @example norwegianAttribute('Edit link') // 'Rediger lenke'
 * @example norwegianAttribute('Choose mandag 30. november 2026') // 'Velg mandag 30. november 2026'
 */
export const norwegianAttribute = (value: string): string | null => {
  if (Object.hasOwn(ATTRIBUTE_TEXTS, value)) return ATTRIBUTE_TEXTS[value]
  const prefix = ATTRIBUTE_PREFIXES.find(([en]) => value.startsWith(en))
  return prefix ? prefix[1] + value.slice(prefix[0].length) : null
}

/** English text Payload writes as it is, inside the elements that hold it. */
export const SCOPED_TEXTS: Array<{ within: string; texts: Record<string, string> }> = [
  // The date picker's time column.
  {
    within: '.react-datepicker',
    texts: {
      Time: 'Klokkeslett',
      'Next Month': 'Neste måned',
      'Previous Month': 'Forrige måned',
      'Next Year': 'Neste år',
      'Previous Year': 'Forrige år',
    },
  },
  // The rich-text editor's slash menu and «+» menu, and the table drawer.
  { within: '.slash-menu-popup, .toolbar-popup__dropdown-items, .rich-text-lexical', texts: { Table: 'Tabell' } },
  {
    within: '.drawer, .payload__modal-item',
    texts: { 'Create Table': 'Sett inn tabell', Rows: 'Rader', Columns: 'Kolonner' },
  },
  // The table's action menu; «Insert row above» comes in parts.
  {
    within: '.table-action-menu-dropdown',
    texts: {
      'Merge cells': 'Slå sammen celler',
      'Unmerge cells': 'Del celler',
      'Toggle Row Striping': 'Slå annenhver rad av/på',
      'Toggle First Column Freeze': 'Frys første kolonne av/på',
      'Delete column': 'Slett kolonne',
      'Delete row': 'Slett rad',
      'Delete table': 'Slett tabell',
      'Insert ': 'Sett inn ',
      row: 'rad',
      column: 'kolonne',
      ' above': ' over',
      ' below': ' under',
      left: 'til venstre',
      right: 'til høyre',
    },
  },
]

/** The lock dialog's «Redigert siden Nov 29, 2026, 6:42 PM»: Payload writes the time in American English, on the browser's clock. */
const US_DATE_TIME =
  /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4}), (\d{1,2}):(\d{2})\s?(AM|PM)$/
const US_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * A time Payload wrote in American English on the browser's clock, as a Norwegian day and
 * time in Oslo, or null when the text is not one.
 * @example usDateTimeInOslo('Nov 29, 2026, 6:42 PM') // '29. november 2026 kl. 18:42' (a browser on Oslo time)
 */
export const usDateTimeInOslo = (text: string): string | null => {
  const m = US_DATE_TIME.exec(text.trim())
  if (!m) return null
  const hour = (Number(m[4]) % 12) + (m[6] === 'PM' ? 12 : 0)
  const local = new Date(Number(m[3]), US_MONTHS.indexOf(m[1]), Number(m[2]), hour, Number(m[5]))
  return osloDateTime(local)
}

/** «2 rows» and «3 columns» in the table menu. */
const COUNTED = /^(\d+) (rows|columns)$/

/**
 * The Norwegian for a piece of text found inside an element matching `matches`, or null when
 * it is not one of the texts above (surrounding whitespace kept).
 */
export const norwegianText = (text: string, matches: (selector: string) => boolean): string | null => {
  const trimmed = text.trim()
  if (!trimmed) return null
  const lockedSince = usDateTimeInOslo(trimmed)
  if (lockedSince && matches('.document-locked')) return text.replace(trimmed, lockedSince)
  for (const scope of SCOPED_TEXTS) {
    const found =
      (Object.hasOwn(scope.texts, text) ? scope.texts[text] : undefined) ??
      (Object.hasOwn(scope.texts, trimmed) ? scope.texts[trimmed] : undefined)
    const counted = scope.within === '.table-action-menu-dropdown' && COUNTED.exec(trimmed)
    if ((found || counted) && matches(scope.within)) {
      if (counted) return `${counted[1]} ${counted[2] === 'rows' ? 'rader' : 'kolonner'}`
      return Object.hasOwn(scope.texts, text) ? found! : text.replace(trimmed, found!)
    }
  }
  return null
}

/**
 * The list view's search placeholder with the field names as words in a sentence.
 * @example searchPlaceholder('Søk etter Kapittelnummer eller Tittel') // 'Søk etter kapittelnummer eller tittel'
 */
export const searchPlaceholder = (placeholder: string): string => {
  const match = /^Søk etter (.+)$/.exec(placeholder)
  if (!match) return placeholder
  // A capitalised word becomes lower case; an abbreviation (ID, URL) stays as it is.
  const words = match[1].replace(/\p{Lu}(?=[\p{Ll}-])[\p{L}-]*/gu, (w) => w.toLowerCase())
  return `Søk etter ${words}`
}
