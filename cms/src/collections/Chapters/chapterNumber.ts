/** "1", "2.1": a chapter number is N or N.N. */
export const CHAPTER_NUMBER = /^[1-9]\d*(\.[1-9]\d*)?$/

export const chapterNumberFormatMessage = (value: string) =>
  `Kapittelnummeret «${value}» har feil form. Bruk et tall eller to tall med punktum mellom, for eksempel 2 eller 2.1.`

export const chapterNumberTakenMessage = (value: string) =>
  `Kapittel ${value} finnes allerede i denne utgaven. Et kapittelnummer kan bare brukes én gang per utgave.`
