import { describe, expect, it } from 'vitest';
import { appEntryUrl, appOrigin, isSameOrigin, rendererLocation } from '../../../../src-main/security/app-origin.js';

describe('isSameOrigin', () => {
  it('matches pages of the app scheme, whatever their path', () => {
    expect(isSameOrigin('app://ratedesk/index.html', appOrigin)).toBe(true);
    expect(isSameOrigin('app://ratedesk/assets/index.js?x=1#y', appOrigin)).toBe(true);
  });

  it('tells apart other hosts, schemes and ports', () => {
    expect(isSameOrigin('app://ratedesk.evil/index.html', appOrigin)).toBe(false);
    expect(isSameOrigin('app://other/index.html', appOrigin)).toBe(false);
    expect(isSameOrigin('https://ratedesk/index.html', appOrigin)).toBe(false);
    expect(isSameOrigin('file:///index.html', appOrigin)).toBe(false);
    expect(isSameOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:5173/', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
  });

  it('never matches unparsable or host-less URLs', () => {
    expect(isSameOrigin('not a url', appOrigin)).toBe(false);
    expect(isSameOrigin('about:blank', 'about:blank')).toBe(false);
    expect(isSameOrigin('file:///a', 'file:///b')).toBe(false);
  });
});

describe('rendererLocation', () => {
  it('serves the built renderer from the app scheme when there is no dev server', () => {
    expect(rendererLocation(undefined)).toEqual({ origin: 'app://ratedesk', entryUrl: appEntryUrl });
    expect(rendererLocation('')).toEqual({ origin: 'app://ratedesk', entryUrl: 'app://ratedesk/index.html' });
  });

  it('uses the electron-vite dev server on loopback', () => {
    expect(rendererLocation('http://localhost:5173')).toEqual({ origin: 'http://localhost:5173', entryUrl: 'http://localhost:5173/' });
  });

  it('refuses a dev server URL that points away from this machine', () => {
    expect(() => rendererLocation('https://evil.example.com/')).toThrow(/ELECTRON_RENDERER_URL must be an http\(s\) URL on localhost/);
    expect(() => rendererLocation('file:///tmp/index.html')).toThrow(/ELECTRON_RENDERER_URL/);
    expect(() => rendererLocation('localhost:5173')).toThrow(/ELECTRON_RENDERER_URL/);
  });
});
