// Hash routes (#/catalog, #/product/<id>, #/compare?ids=a,b&premium=..&years=..,
// #/saved, #/saved/<id>, the admin console under #/admin/..., the compliance console under
// #/compliance (filters in the query) and #/compliance/<id>). Pure so the parsing is tested
// without a DOM.

export type Route =
  | { name: 'catalog' }
  | { name: 'product'; productId: string }
  | { name: 'compare'; productIds: string[]; premium: string | null; years: number | null }
  | { name: 'saved-list' }
  | { name: 'saved'; comparisonId: string }
  | { name: 'admin-products' }
  | { name: 'admin-product-new' }
  | { name: 'admin-product-edit'; productId: string }
  | { name: 'admin-publish'; productId: string }
  | { name: 'admin-rate-sheet' }
  | { name: 'admin-carriers' }
  | { name: 'admin-approval-sheet' }
  | { name: 'admin-index-history'; indexName: string | null }
  | { name: 'admin-audit'; tableName: string | null; recordId: string | null }
  | { name: 'admin-fleet' }
  /** The compliance console's search; `query` holds its filters (the query string of #/compliance?...). */
  | { name: 'compliance'; query: string }
  | { name: 'compliance-record'; comparisonId: string; query: string }
  | { name: 'not-found'; hash: string };

export type AdminRoute = Extract<Route, { name: `admin-${string}` }>;

export function isAdminRoute(route: Route): route is AdminRoute {
  return route.name.startsWith('admin-');
}

export function isComplianceRoute(route: Route): route is Extract<Route, { name: 'compliance' | 'compliance-record' }> {
  return route.name === 'compliance' || route.name === 'compliance-record';
}

function parseAdminRoute(segments: readonly string[], params: URLSearchParams): AdminRoute | null {
  const [, section, id, action] = segments;
  if (section === undefined || (section === 'products' && id === undefined)) return { name: 'admin-products' };
  if (section === 'products' && id === 'new' && action === undefined) return { name: 'admin-product-new' };
  if (section === 'products' && id !== undefined && action === undefined) return { name: 'admin-product-edit', productId: id };
  if (section === 'products' && id !== undefined && id !== 'new' && action === 'rates' && segments.length === 4) return { name: 'admin-publish', productId: id };
  if (section === 'rate-sheet' && id === undefined) return { name: 'admin-rate-sheet' };
  if (section === 'carriers' && id === undefined) return { name: 'admin-carriers' };
  if (section === 'approval-sheet' && id === undefined) return { name: 'admin-approval-sheet' };
  if (section === 'index-history' && id === undefined) return { name: 'admin-index-history', indexName: params.get('index') || null };
  if (section === 'fleet' && id === undefined) return { name: 'admin-fleet' };
  if (section === 'audit' && id === undefined) {
    return { name: 'admin-audit', tableName: params.get('table') || null, recordId: params.get('record') || null };
  }
  return null;
}

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
  if (first === 'admin') return parseAdminRoute(segments, params) ?? { name: 'not-found', hash };
  if (first === 'compliance' && second === undefined) return { name: 'compliance', query };
  if (first === 'compliance' && second !== undefined && segments.length === 2) return { name: 'compliance-record', comparisonId: second, query };
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
    case 'admin-products':
      return '#/admin/products';
    case 'admin-product-new':
      return '#/admin/products/new';
    case 'admin-product-edit':
      return `#/admin/products/${encodeURIComponent(route.productId)}`;
    case 'admin-publish':
      return `#/admin/products/${encodeURIComponent(route.productId)}/rates`;
    case 'admin-rate-sheet':
      return '#/admin/rate-sheet';
    case 'admin-carriers':
      return '#/admin/carriers';
    case 'admin-approval-sheet':
      return '#/admin/approval-sheet';
    case 'admin-index-history':
      return route.indexName === null ? '#/admin/index-history' : `#/admin/index-history?${new URLSearchParams({ index: route.indexName }).toString()}`;
    case 'admin-audit': {
      const params = new URLSearchParams();
      if (route.tableName !== null) params.set('table', route.tableName);
      if (route.recordId !== null) params.set('record', route.recordId);
      const query = params.toString();
      return query === '' ? '#/admin/audit' : `#/admin/audit?${query}`;
    }
    case 'admin-fleet':
      return '#/admin/fleet';
    case 'compliance':
      return route.query === '' ? '#/compliance' : `#/compliance?${route.query}`;
    case 'compliance-record':
      return `#/compliance/${encodeURIComponent(route.comparisonId)}${route.query === '' ? '' : `?${route.query}`}`;
    case 'not-found':
      return route.hash;
  }
}
