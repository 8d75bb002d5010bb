import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFrom, networkError, signInProblem } from '../../app/utils/shell/api-error';
import { fileNameFrom } from '../../app/utils/shell/download-name';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('apiErrorFrom', () => {
  it('keeps the server’s code and safe message', async () => {
    const error = await apiErrorFrom(json(401, { error: 'NetBox did not accept that token.', code: 'UNAUTHORIZED', retryable: false }));
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: 'NetBox did not accept that token.', retryable: false });
  });

  it('makes sense of bodies that are not ours', async () => {
    expect(await apiErrorFrom(new Response('<html>Bad gateway</html>', { status: 502 }))).toMatchObject({ code: 'INTERNAL', retryable: true });
    expect(await apiErrorFrom(new Response('slow down', { status: 429 }))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await apiErrorFrom(json(404, { nope: true }))).toMatchObject({ code: 'BAD_FRAME', status: 404 });
  });
});

describe('signInProblem', () => {
  it('tells bad credentials, NetBox down, rate limits and a dead server apart', () => {
    expect(signInProblem(new ApiError(401, 'UNAUTHORIZED', 'NetBox did not accept that username and password.', false), 'password').title).toBe('Wrong username or password');
    expect(signInProblem(new ApiError(401, 'UNAUTHORIZED', 'NetBox did not accept that token.', false), 'token').title).toBe('NetBox did not accept that token');
    expect(signInProblem(new ApiError(400, 'BAD_FRAME', 'That is not a NetBox API token.', false), 'token').title).toMatch(/does not look like a NetBox token/);
    const down = signInProblem(new ApiError(502, 'NETBOX_UNREACHABLE', 'NetBox at https://nb could not be reached.', true), 'password');
    expect(down).toEqual({ title: 'NetBox is not answering', description: 'NetBox at https://nb could not be reached.' });
    expect(signInProblem(new ApiError(429, 'RATE_LIMITED', 'x', true), 'password').title).toBe('Too many attempts');
    expect(signInProblem(networkError(), 'token').title).toBe('The chat server is not answering');
  });
});

describe('fileNameFrom', () => {
  it('reads the name the server gave, and never a path', () => {
    expect(fileNameFrom('attachment; filename="devices-in-dc1.md"', 'x.md')).toBe('devices-in-dc1.md');
    expect(fileNameFrom("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.md", 'x.md')).toBe('résumé.md');
    expect(fileNameFrom('attachment; filename="../../etc/passwd"', 'x.md')).toBe('..-..-etc-passwd');
    expect(fileNameFrom('attachment', 'x.md')).toBe('x.md');
    expect(fileNameFrom(null, 'x.md')).toBe('x.md');
    expect(fileNameFrom('attachment; filename=".."', 'x.md')).toBe('x.md');
  });
});
