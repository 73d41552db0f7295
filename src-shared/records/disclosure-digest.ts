// The one canonical form of the disclosure texts a record was shown with, so the laptop that saves
// the record and the server that verifies it hash the same bytes. Hashing itself needs a crypto
// library, which each side has (node:crypto in main and in the server); this module stays pure.

/** SHA-256 of the UTF-8 bytes of this string is the record's disclosures.sha256. */
export function disclosureDigestInput(texts: readonly string[]): string {
  return JSON.stringify(texts);
}
