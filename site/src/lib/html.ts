/** Small helpers for HTML the site builds as strings. */

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' }

/**
 * Text as HTML, escaped as Astro escapes an expression.
 * @example escapeText('Fem < seks & "sju"') // 'Fem &lt; seks &amp; &quot;sju&quot;'
 */
export const escapeText = (s: string) => (/[&<>'"]/.test(s) ? s.replace(/[&<>'"]/g, (c) => ENTITY[c]) : s)
