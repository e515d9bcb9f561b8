/** What the publish check reports when «fem» became «seks» in the first paragraph, «Kommunene har fått fem nye stillinger.» */
export const FEM_TO_SEKS_IN_FIRST_PARAGRAPH = {
  type: 'changed',
  kind: 'p',
  position: 1,
  editorial: false,
  parts: [
    { op: 0, text: 'Kommunene har fått ' },
    { op: -1, text: 'fem' },
    { op: 1, text: 'seks' },
    { op: 0, text: ' nye stillinger.' },
  ],
}
