import { Agent } from 'undici';

const agents = new Map<string, Agent>();

/**
 * One keep-alive pool per TLS setting, shared by every user's client: sessions come and go, connections to
 * the same NetBox stay warm.
 */
export function sharedAgent(options: { verifyTls: boolean; connections: number }): Agent {
  const key = `${options.verifyTls}:${options.connections}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: options.connections,
      connect: { rejectUnauthorized: options.verifyTls },
    });
    agents.set(key, agent);
  }
  return agent;
}
