/** "1", "2.1": a chapter number is N or N.N. */
export const CHAPTER_NUMBER = /^[1-9]\d*(\.[1-9]\d*)?$/

export const chapterNumberFormatMessage = (value: string) =>
  `Kapittelnummeret «${value}» har feil form. Bruk et tall eller to tall med punktum mellom, for eksempel 2 eller 2.1.`

export const chapterNumberTakenMessage = (value: string) =>
  `Kapittel ${value} finnes allerede i denne utgaven. Et kapittelnummer kan bare brukes én gang per utgave.`

/**
 * Orders chapter numbers as readers expect: 1.2 before 1.10.
 * @example ['1.10', '1.2', '2'].sort(compareChapterNumbers) // ['1.2', '1.10', '2']
 */
export const compareChapterNumbers = (a: string, b: string): number => {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1)
    if (d !== 0) return d
  }
  return 0
}
