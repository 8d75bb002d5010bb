import { describe, expect, it } from 'vitest';
import { authRedirect, safeReturnPath } from '../../app/utils/shell/auth-redirect';

const route = (fullPath: string, query: Record<string, unknown> = {}) => ({ path: fullPath.split('?')[0] ?? '/', fullPath, query });

describe('authRedirect', () => {
  it('sends a signed-out user to sign-in, remembering where they were going', () => {
    expect(authRedirect(route('/c/abc?x=1'), { kind: 'signed-out' })).toBe('/sign-in?redirect=%2Fc%2Fabc%3Fx%3D1');
    expect(authRedirect(route('/sign-in'), { kind: 'signed-out' })).toBeNull();
  });

  it('lets a signed-in user through, and takes them off the sign-in page to where they asked', () => {
    expect(authRedirect(route('/c/abc'), { kind: 'signed-in', mode: 'multi-user' })).toBeNull();
    expect(authRedirect(route('/sign-in?redirect=/c/abc', { redirect: '/c/abc' }), { kind: 'signed-in', mode: 'multi-user' })).toBe('/c/abc');
  });

  it('has no sign-in page in modes without sign-in', () => {
    expect(authRedirect(route('/sign-in'), { kind: 'signed-in', mode: 'demo' })).toBe('/');
    expect(authRedirect(route('/'), { kind: 'signed-in', mode: 'single-user' })).toBeNull();
  });

  it('does not block the app when the server cannot be asked', () => {
    expect(authRedirect(route('/c/abc'), { kind: 'unknown' })).toBeNull();
  });
});

describe('safeReturnPath', () => {
  const ORIGIN = 'http://127.0.0.1:3000';

  it('accepts only paths on this site', () => {
    expect(safeReturnPath('/c/abc?x=1', ORIGIN)).toBe('/c/abc?x=1');
    expect(safeReturnPath('/c/abc#m2', ORIGIN)).toBe('/c/abc#m2');
    expect(safeReturnPath(['/c/a', '/c/b'], ORIGIN)).toBe('/c/a');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', undefined, 42, '/sign-in', '/sign-in?redirect=/x']) {
      expect(safeReturnPath(bad, ORIGIN)).toBe('/');
    }
  });

  it('refuses what a browser reads as another site once it drops tabs and line breaks from a URL', () => {
    for (const bad of ['/\t/evil.example/', '/\n/evil.example/', '/\r/evil.example/', '/\r\n/evil.example', '\t//evil.example', '/\t\\evil.example', ' //evil.example', '/%09/evil.example', '/.//evil.example', '/c/..//evil.example']) {
      const path = safeReturnPath(bad, ORIGIN);
      expect(path.startsWith('/') && !path.startsWith('//'), JSON.stringify(bad)).toBe(true);
      expect(new URL(path, ORIGIN).origin, JSON.stringify(bad)).toBe(ORIGIN);
    }
  });

  it('gives back the path as the browser would resolve it, never the raw text', () => {
    expect(safeReturnPath('/c/a\tb', ORIGIN)).toBe('/c/ab');
    expect(safeReturnPath(`${ORIGIN}/c/abc`, ORIGIN)).toBe('/c/abc');
    expect(safeReturnPath('/c/../sign-in', ORIGIN)).toBe('/');
  });
});
