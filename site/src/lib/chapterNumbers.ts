/**
 * Orders chapter numbers as readers count them: 1.2 before 1.10; no number (a part's
 * introduction) first.
 * @example ['1.10', '1.2', '2'].sort(compareChapterNumbers) // ['1.2', '1.10', '2']
 */
export const compareChapterNumbers = (a: string | null, b: string | null): number => {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1)
    if (d !== 0) return d
  }
  return 0
}
