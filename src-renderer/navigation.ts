// Hash routes (#/catalog, #/product/<id>, #/compare?ids=a,b&premium=..&years=..,
// #/saved, #/saved/<id>). Pure so the parsing is tested without a DOM.

export type Route =
  | { name: 'catalog' }
  | { name: 'product'; productId: string }
  | { name: 'compare'; productIds: string[]; premium: string | null; years: number | null }
  | { name: 'saved-list' }
  | { name: 'saved'; comparisonId: string }
  | { name: 'not-found'; hash: string };

export function parseRoute(hash: string): Route {
  const trimmed = hash.replace(/^#/, '');
  const [path = '', query = ''] = trimmed.split('?', 2);
  const segments = path.split('/').filter((segment) => segment.length > 0).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const [first, second] = segments;
  if (first === undefined || (first === 'catalog' && second === undefined)) return { name: 'catalog' };
  if (first === 'product' && second !== undefined && segments.length === 2) return { name: 'product', productId: second };
  if (first === 'compare' && segments.length === 1) {
    const ids = (params.get('ids') ?? '').split(',').filter((id) => id.length > 0);
    const years = Number.parseInt(params.get('years') ?? '', 10);
    return {
      name: 'compare',
      productIds: [...new Set(ids)],
      premium: params.get('premium'),
      years: Number.isInteger(years) ? years : null,
    };
  }
  if (first === 'saved' && second === undefined) return { name: 'saved-list' };
  if (first === 'saved' && second !== undefined && segments.length === 2) return { name: 'saved', comparisonId: second };
  return { name: 'not-found', hash };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'catalog':
      return '#/catalog';
    case 'product':
      return `#/product/${encodeURIComponent(route.productId)}`;
    case 'compare': {
      const params = new URLSearchParams();
      params.set('ids', route.productIds.join(','));
      if (route.premium !== null) params.set('premium', route.premium);
      if (route.years !== null) params.set('years', String(route.years));
      return `#/compare?${params.toString().replace(/%2C/g, ',')}`;
    }
    case 'saved-list':
      return '#/saved';
    case 'saved':
      return `#/saved/${encodeURIComponent(route.comparisonId)}`;
    case 'not-found':
      return route.hash;
  }
}
