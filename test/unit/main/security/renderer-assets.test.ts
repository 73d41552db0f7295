import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveRendererAssetPath } from '../../../../src-main/security/renderer-assets.js';

const root = path.resolve('/opt/RateDesk/resources/app.asar/out/renderer');

describe('resolveRendererAssetPath', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveRendererAssetPath(root, 'app://ratedesk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererAssetPath(root, 'app://ratedesk/assets/index-C0ffee.js')).toBe(path.join(root, 'assets', 'index-C0ffee.js'));
    expect(resolveRendererAssetPath(root, 'app://ratedesk/assets/index.css?v=2#top')).toBe(path.join(root, 'assets', 'index.css'));
    expect(resolveRendererAssetPath(root, 'app://ratedesk/assets/carrier%20logo.svg')).toBe(path.join(root, 'assets', 'carrier logo.svg'));
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveRendererAssetPath(root, 'app://ratedesk/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererAssetPath(root, 'app://ratedesk')).toBe(path.join(root, 'index.html'));
  });

  it('keeps dot segments that the URL parser already resolved inside the folder', () => {
    expect(resolveRendererAssetPath(root, 'app://ratedesk/../../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveRendererAssetPath(root, 'app://ratedesk/%2e%2e/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
  });

  it('never resolves outside the renderer folder, whatever the request path', () => {
    const segment = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2F', '%5C', '\\', '/', 'assets', 'index.html', 'etc', '%00', '%', 'C:', '%2F%2F');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), (segments) => {
        const resolved = resolveRendererAssetPath(root, `app://ratedesk/${segments.join('')}`);
        return resolved === null || resolved.startsWith(root + path.sep);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses traversal outright rather than clamping it', () => {
    expect(resolveRendererAssetPath(root, 'app://ratedesk/assets/..%2F..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveRendererAssetPath(root, 'app://ratedesk/assets/%00.js')).toBeNull();
    expect(resolveRendererAssetPath(root, 'app://ratedesk/%E0%A4%A')).toBeNull();
  });

  it('answers only for the app host and scheme', () => {
    expect(resolveRendererAssetPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveRendererAssetPath(root, 'https://ratedesk/index.html')).toBeNull();
    expect(resolveRendererAssetPath(root, 'file:///opt/RateDesk/resources/app.asar/out/renderer/index.html')).toBeNull();
    expect(resolveRendererAssetPath(root, 'not a url')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('labels the files a Vite build emits, so module scripts are accepted', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/assets/index-C0ffee.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/assets/index.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/assets/font.woff2')).toBe('font/woff2');
  });

  it('does not guess unknown types', () => {
    expect(contentTypeFor('/x/assets/archive.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/LICENSE')).toBe('application/octet-stream');
  });
});
