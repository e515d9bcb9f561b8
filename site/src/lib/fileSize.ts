/**
 * A file's size for readers, in Norwegian: bytes, kB, MB or GB (powers of 1,000), with at most
 * one decimal, a no-break space before the unit.
 * @example fileSize(512) // '512 B'
 * @example fileSize(5_430) // '5,4 kB'
 * @example fileSize(12_345_678) // '12,3 MB'
 */
export const fileSize = (bytes: number): string => {
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error(`Ugyldig filstørrelse: ${bytes}`)
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let unit = 0
  let value = bytes
  // Rounded the way it is shown, so that 999 950 bytes is «1 MB», not «1 000 kB».
  while (unit < units.length - 1 && Math.round(value * 10) / 10 >= 1000) {
    value /= 1000
    unit++
  }
  return new Intl.NumberFormat('nb-NO', { style: 'unit', unit: units[unit], maximumFractionDigits: 1 })
    .format(value)
    .replace(/[\s\u202f]/g, '\u00a0')
}
