import { query, type Options, type Query, type SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { buildAgentOptions } from '../../server/src/agent/agent-options.ts';
import { InputChannel } from '../../server/src/agent/input-channel.ts';
import type { Config } from '../../server/src/config/index.ts';

export interface RawTurn {
  readonly ttftMs: number;
  readonly endMs: number;
  readonly ok: boolean;
}

/**
 * The baseline: the Agent SDK on its own, one `query()` in streaming-input mode kept open across turns, with
 * the options the server builds (buildAgentOptions: the same locked-down CLI, system prompt, in-process NetBox
 * MCP server and model env). No store, no WebSocket, no chat layer.
 */
export class RawSdkSession {
  private readonly input = new InputChannel();
  private readonly query: Query;
  private readonly consumed: Promise<void>;
  private ended = false;
  private turn: { sentAt: number; firstTextAt?: number; resolve: (turn: RawTurn) => void } | undefined;

  constructor(options: Options) {
    this.query = query({ prompt: this.input, options });
    this.consumed = this.consume();
  }

  /** The options the server's AgentFactory would build for its single user, in a data dir of the baseline's own. */
  static options(config: Config, dataDir: string, netbox: { url: string; token: string }): Options {
    return buildAgentOptions({
      dataDir,
      sourceEnv: { PATH: process.env.PATH, ...config.model.env },
      model: config.model.name,
      netbox: { ...netbox, timeoutMs: config.netbox.timeoutMs, verifyTls: config.netbox.verifyTls },
    });
  }

  ask(text: string): Promise<RawTurn> {
    if (this.ended) return Promise.reject(new Error('the CLI process has ended'));
    if (this.turn) return Promise.reject(new Error('a turn is already running'));
    return new Promise<RawTurn>((resolve) => {
      this.turn = { sentAt: performance.now(), resolve };
      this.input.push(text);
    });
  }

  /** Ends the input so the CLI exits; closes it if it does not within 5 s. */
  async close(): Promise<void> {
    this.input.end();
    const timer = setTimeout(() => this.query.close(), 5_000);
    await this.consumed;
    clearTimeout(timer);
  }

  private async consume(): Promise<void> {
    try {
      for await (const message of this.query) this.onMessage(message, performance.now());
    } catch {
      // Reported to a waiting turn below.
    } finally {
      this.ended = true;
      this.end(false, performance.now());
    }
  }

  private onMessage(message: SDKMessage, at: number): void {
    const turn = this.turn;
    if (!turn) return;
    if (message.type === 'stream_event' && message.event.type === 'content_block_delta' && message.event.delta.type === 'text_delta' && message.event.delta.text.length > 0) {
      turn.firstTextAt ??= at;
    } else if (message.type === 'result') {
      this.end(message.subtype === 'success' && !message.is_error, at);
    }
  }

  private end(ok: boolean, at: number): void {
    const turn = this.turn;
    if (!turn) return;
    this.turn = undefined;
    turn.resolve({ ttftMs: turn.firstTextAt === undefined ? Number.NaN : turn.firstTextAt - turn.sentAt, endMs: at - turn.sentAt, ok });
  }
}
