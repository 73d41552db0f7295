// The catalog screen's own state helpers. What the filters keep and how the list is ordered are
// the shared catalog rules (src-shared/catalog/filter-sort.ts).

/** Toggles a product in the compare selection, which holds at most `limit` products. */
export function toggleSelection(selected: readonly string[], productId: string, limit: number): string[] {
  if (selected.includes(productId)) return selected.filter((id) => id !== productId);
  if (selected.length >= limit) return [...selected];
  return [...selected, productId];
}
