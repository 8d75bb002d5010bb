import { describe, expect, it } from 'vitest';
import { connectionView } from '../../app/utils/shell/connection-view';
import { StartersResponseSchema } from '../../app/utils/shell/starters';

describe('connectionView', () => {
  it('labels each socket state and offers a retry only while waiting to reconnect', () => {
    expect(connectionView('open')).toMatchObject({ label: 'Connected', canRetry: false });
    expect(connectionView('connecting')).toMatchObject({ label: 'Connecting…', canRetry: false });
    expect(connectionView('reconnecting')).toMatchObject({ label: 'Reconnecting…', canRetry: true });
    expect(connectionView('offline')).toMatchObject({ label: 'Offline', canRetry: true });
  });
});

describe('starters', () => {
  it('reads the server’s answer', () => {
    const parsed = StartersResponseSchema.parse({ questions: [{ text: 'What is 10.0.0.1?', icon: 'ip' }], source: 'netbox' });
    expect(parsed.questions[0]?.text).toBe('What is 10.0.0.1?');
    expect(StartersResponseSchema.safeParse({ questions: [{ text: '' }] }).success).toBe(false);
  });
});
