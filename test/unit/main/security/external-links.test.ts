import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../../src-main/security/external-links.js';

describe('isAllowedExternalUrl', () => {
  it('opens ordinary https pages in the system browser', () => {
    expect(isAllowedExternalUrl('https://www.example.com/products/myga?term=5#rates')).toBe(true);
    expect(isAllowedExternalUrl('https://example.okta.com/oauth2/default/v1/authorize')).toBe(true);
    expect(isAllowedExternalUrl('HTTPS://EXAMPLE.COM/')).toBe(true);
  });

  it.each([
    ['file:///etc/passwd'],
    ['file://server/share/rates.xlsx'],
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['ms-msdt:/id PCWDiagnostic'],
    ['smb://fileserver/share'],
    ['ftp://example.com/file'],
    ['mailto:rep@example.com'],
    ['app://ratedesk/index.html'],
    ['chrome://settings'],
    ['about:blank'],
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses text that is not an absolute URL', () => {
    expect(isAllowedExternalUrl('')).toBe(false);
    expect(isAllowedExternalUrl('www.example.com')).toBe(false);
    expect(isAllowedExternalUrl('/relative/path')).toBe(false);
    expect(isAllowedExternalUrl('https://')).toBe(false);
  });

  it('refuses links that hide their destination behind credentials', () => {
    expect(isAllowedExternalUrl('https://bank.example.com@evil.example.net/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:secret@example.com/')).toBe(false);
  });

  it('refuses plain http, even on loopback, unless development allows it', () => {
    expect(isAllowedExternalUrl('http://example.com/')).toBe(false);
    expect(isAllowedExternalUrl('http://localhost:5173/')).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:3000/')).toBe(false);
  });

  it('in development allows http only on loopback', () => {
    const development = { allowLoopbackHttp: true };
    expect(isAllowedExternalUrl('http://localhost:5173/', development)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:3000/api/docs', development)).toBe(true);
    expect(isAllowedExternalUrl('http://[::1]:3000/', development)).toBe(true);
    expect(isAllowedExternalUrl('http://example.com/', development)).toBe(false);
    expect(isAllowedExternalUrl('http://localhost.example.com/', development)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.2/', development)).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd', development)).toBe(false);
  });
});
