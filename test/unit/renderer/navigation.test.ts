import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../../src-renderer/navigation.js';

const A = '6b1d3c2e-8f4a-4b5c-9d6e-7f8a9b0c1d2e';
const B = '0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d';

describe('hash navigation', () => {
  it('opens the catalog for an empty hash', () => {
    expect(parseRoute('')).toEqual({ name: 'catalog' });
    expect(parseRoute('#/')).toEqual({ name: 'catalog' });
    expect(parseRoute('#/catalog')).toEqual({ name: 'catalog' });
  });

  it('reads product, saved and compare routes', () => {
    expect(parseRoute(`#/product/${A}`)).toEqual({ name: 'product', productId: A });
    expect(parseRoute('#/saved')).toEqual({ name: 'saved-list' });
    expect(parseRoute(`#/saved/${B}`)).toEqual({ name: 'saved', comparisonId: B });
    expect(parseRoute(`#/compare?ids=${A},${B},${A}&premium=250000&years=7`)).toEqual({
      name: 'compare',
      productIds: [A, B],
      premium: '250000',
      years: 7,
    });
  });

  it('reports unknown paths instead of guessing', () => {
    expect(parseRoute('#/reports')).toEqual({ name: 'not-found', hash: '#/reports' });
    expect(parseRoute(`#/product/${A}/extra`).name).toBe('not-found');
  });

  it('builds links that parse back to the same route', () => {
    const routes: Route[] = [
      { name: 'catalog' },
      { name: 'product', productId: A },
      { name: 'compare', productIds: [A, B], premium: '100000.50', years: 10 },
      { name: 'compare', productIds: [A], premium: null, years: null },
      { name: 'saved-list' },
      { name: 'saved', comparisonId: B },
      { name: 'admin-index-history', indexName: null },
      { name: 'admin-index-history', indexName: 'S&P 500® (price) / test?' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
    expect(routeHref({ name: 'compare', productIds: [A, B], premium: null, years: null })).toBe(`#/compare?ids=${A},${B}`);
  });
});
