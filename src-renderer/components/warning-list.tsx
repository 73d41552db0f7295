import type { ComparedProduct } from '../../src-shared/comparison.js';

/** The warnings a rep must read before showing a product's numbers. */
export function WarningList({ products }: { products: readonly ComparedProduct[] }) {
  const withWarnings = products.filter((product) => product.warnings.length > 0);
  if (withWarnings.length === 0) return null;
  return (
    <section className="warnings" aria-labelledby="warnings-title" data-testid="comparison-warnings">
      <h2 id="warnings-title">Before you show these figures</h2>
      <ul>
        {withWarnings.flatMap((product) =>
          product.warnings.map((warning) => (
            <li key={`${product.productId}-${warning.code}`} className={`warning warning-${warning.code.toLowerCase()}`}>
              <strong>{product.productName}:</strong> {warning.message}
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
