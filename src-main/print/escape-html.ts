// Text into HTML: client references and product names are typed by reps and admins, and the pages
// that carry them are rendered (printed, or shown by the sign-in redirect).
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}
