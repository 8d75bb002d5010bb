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
  it('accepts only paths on this site', () => {
    expect(safeReturnPath('/c/abc?x=1')).toBe('/c/abc?x=1');
    expect(safeReturnPath(['/c/a', '/c/b'])).toBe('/c/a');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', undefined, 42, '/sign-in', '/sign-in?redirect=/x']) {
      expect(safeReturnPath(bad)).toBe('/');
    }
  });
});
