/** A Messages API request body, as a client would send it. */
export interface MessagesBody {
  model?: string;
  stream?: boolean;
  messages: { role: 'user' | 'assistant'; content: unknown }[];
}

export function postMessages(baseUrl: string, body: MessagesBody): Promise<Response> {
  return fetch(`${baseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'claude-test', max_tokens: 1024, ...body }),
  });
}
