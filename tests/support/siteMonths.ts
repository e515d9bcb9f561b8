/** The months as Norwegian (bokmål) writes them in a date, written out here so tests do not trust the code they check. */
export const NORWEGIAN_MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
]
