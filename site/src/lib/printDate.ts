/**
 * «Utskriftsdato» on the print document: the page is static, so the day it is printed is only
 * known in the reader's browser. Kept apart from print.ts so that the page's script stays small.
 */
import { norwegianDay } from './dates'

/**
 * A day in the reader's own calendar, as the page shows it.
 * @example printDate(new Date(2026, 10, 29)) // { iso: '2026-11-29', text: '29. november 2026' }
 */
export const printDate = (now: Date): { iso: string; text: string } => {
  const iso = `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
  return { iso, text: norwegianDay(iso) }
}

/** Puts today's date into every «Utskriftsdato» of the page and drops the note that stands in for it without JavaScript. */
export const showPrintDate = (root: ParentNode, now: Date) => {
  const { iso, text } = printDate(now)
  for (const el of root.querySelectorAll<HTMLTimeElement>('time[data-print-date]')) {
    el.dateTime = iso
    el.textContent = text
  }
  for (const el of root.querySelectorAll('[data-print-date-fallback]')) el.remove()
}
