import { describe, expect, it } from 'vitest';
import { isLoopbackHost, MODEL_NOT_CONFIGURED_REASON } from '../../src/config/index.ts';
import { load, problems } from './support.ts';

describe('model access', () => {
  it('is not configured with no key, base URL or cloud flag, and the server still starts', () => {
    const config = load({ ANTHROPIC_MODEL: 'claude-opus-4-8' });
    expect(config.model).toEqual({
      configured: false,
      reason: MODEL_NOT_CONFIGURED_REASON,
      name: 'claude-opus-4-8',
      provider: 'none',
      env: {},
    });
    expect(config.warnings).toEqual([MODEL_NOT_CONFIGURED_REASON]);
    expect(MODEL_NOT_CONFIGURED_REASON).toMatch(/set ANTHROPIC_API_KEY/);
  });

  it('uses an API key, a bearer token, or a gateway URL with or without a key', () => {
    expect(load({ ANTHROPIC_API_KEY: 'sk-ant-1' }).model).toMatchObject({
      configured: true,
      provider: 'anthropic',
      env: { ANTHROPIC_API_KEY: 'sk-ant-1' },
    });
    expect(load({ ANTHROPIC_AUTH_TOKEN: 'tok' }).model).toMatchObject({ configured: true, provider: 'anthropic', env: { ANTHROPIC_AUTH_TOKEN: 'tok' } });
    // A local model server may need no key at all.
    expect(load({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:8002' }).model).toMatchObject({
      configured: true,
      provider: 'gateway',
      env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:8002' },
    });
    expect(load({ ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_API_KEY: 'k' }).model.env).toEqual({
      ANTHROPIC_BASE_URL: 'https://gw.example.com',
      ANTHROPIC_API_KEY: 'k',
    });
  });

  it('uses Bedrock with its AWS variables, and nothing else of the environment', () => {
    const model = load({
      CLAUDE_CODE_USE_BEDROCK: 'true',
      AWS_REGION: 'eu-west-1',
      AWS_PROFILE: 'chat',
      ANTHROPIC_BEDROCK_BASE_URL: 'https://bedrock.internal',
      HTTPS_PROXY: 'http://proxy:3128',
      HOME: '/root',
      PATH: '/usr/bin',
      CLOUD_ML_REGION: 'us-east5',
    }).model;
    expect(model).toMatchObject({ configured: true, provider: 'bedrock' });
    expect(model.env).toEqual({
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'eu-west-1',
      AWS_PROFILE: 'chat',
      ANTHROPIC_BEDROCK_BASE_URL: 'https://bedrock.internal',
      HTTPS_PROXY: 'http://proxy:3128',
    });
    expect(load({ CLAUDE_CODE_USE_BEDROCK: '0', AWS_REGION: 'eu-west-1' }).model).toMatchObject({ configured: false, env: {} });
  });

  it('uses Vertex with its Google variables', () => {
    const model = load({
      CLAUDE_CODE_USE_VERTEX: '1',
      CLOUD_ML_REGION: 'us-east5',
      ANTHROPIC_VERTEX_PROJECT_ID: 'proj',
      GOOGLE_APPLICATION_CREDENTIALS: '/etc/gcp.json',
      VERTEX_REGION_CLAUDE_4_5_SONNET: 'europe-west1',
      AWS_REGION: 'eu-west-1',
    }).model;
    expect(model).toMatchObject({ configured: true, provider: 'vertex' });
    expect(model.env).toEqual({
      CLAUDE_CODE_USE_VERTEX: '1',
      CLOUD_ML_REGION: 'us-east5',
      ANTHROPIC_VERTEX_PROJECT_ID: 'proj',
      GOOGLE_APPLICATION_CREDENTIALS: '/etc/gcp.json',
      VERTEX_REGION_CLAUDE_4_5_SONNET: 'europe-west1',
    });
  });

  it("refuses a cloud flag without that cloud's required variables, or both flags", () => {
    expect(problems({ CLAUDE_CODE_USE_BEDROCK: '1' })).toEqual([
      'CLAUDE_CODE_USE_BEDROCK is on but AWS_REGION is not set: set it to the Bedrock region, e.g. AWS_REGION=us-east-1',
    ]);
    expect(problems({ CLAUDE_CODE_USE_VERTEX: 'yes' })).toEqual([
      'CLAUDE_CODE_USE_VERTEX is on but CLOUD_ML_REGION is not set: set it to the Vertex AI region, e.g. CLOUD_ML_REGION=us-east5',
      'CLAUDE_CODE_USE_VERTEX is on but ANTHROPIC_VERTEX_PROJECT_ID is not set: set it to your Google Cloud project id',
    ]);
    expect(
      problems({ CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'x', CLOUD_ML_REGION: 'y', ANTHROPIC_VERTEX_PROJECT_ID: 'z' }),
    ).toEqual(['CLAUDE_CODE_USE_BEDROCK and CLAUDE_CODE_USE_VERTEX are both on: set only the one for the cloud you use']);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback from everything else', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', 'app.localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '[::]', '10.0.0.1', '128.0.0.1', 'example.com', 'localhost.example.com', '::2', '::ffff:10.0.0.1', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
