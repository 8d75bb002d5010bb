import { createHash, randomUUID } from 'node:crypto';
import type { SessionStoreEntry } from '@anthropic-ai/claude-agent-sdk';
import type { Logger } from 'pino';
import type { ConversationScope, MessageRow, Store, TranscriptLine } from '../store/index.ts';

/** What the model reads after an answer that a crash or an outage cut short. */
export const CUT_OFF_NOTE = '[This answer was cut off here: the server stopped before it was finished, and the user saw only the part above.]';

interface StoredTurn {
  readonly turnId: string;
  readonly question: string;
  readonly answer: MessageRow | undefined;
}

/**
 * Makes the SDK transcript that a new CLI process resumes hold the whole conversation as the user saw it.
 *
 * A process that dies mid-answer leaves the transcript short of what the messages table has: the interrupted
 * answer (the CLI writes a message only once it is complete), perhaps the question itself, perhaps a tool call
 * with no result. Resumed as it is, the model would not know what it was asked last. So, before a process
 * resumes a session, every stored question the transcript lacks is appended to it with its stored answer, and
 * an answer that was cut off is appended as written so far with a note saying so. Appended lines chain onto the
 * transcript's last line as the CLI's own do, with ids made from the turn, so doing it twice adds nothing.
 *
 * Returns the session to resume: the given one, or a new one written from the messages when there was none
 * (the first answer died before its session was known, or its transcript is gone).
 */
export async function repairContext(
  deps: { store: Store; logger: Logger },
  scope: ConversationScope,
  sessionId: string | null,
  currentTurnId: string,
): Promise<string | null> {
  const { store, logger } = deps;
  const turns = storedTurns((await store.messages.list(scope)) ?? [], currentTurnId);
  if (turns.length === 0) return sessionId;
  const lines = sessionId ? await store.transcripts.outline(sessionId) : [];
  const session = sessionId ?? randomUUID();
  const entries = missingEntries(turns, lines, session);
  if (entries.length === 0) return sessionId;
  const projectKey = lines.at(-1)?.projectKey ?? 'netbox-chatbox';
  await store.sdkSessions.append({ projectKey, sessionId: session }, entries);
  if (session !== sessionId) await store.conversations.setSdkSessionId(scope.userId, scope.conversationId, session);
  logger.info({ conversationId: scope.conversationId, lines: entries.length, newSession: session !== sessionId }, 'model context restored from the stored conversation');
  return session;
}

function storedTurns(messages: readonly MessageRow[], currentTurnId: string): StoredTurn[] {
  const turns: StoredTurn[] = [];
  for (const message of messages) {
    if (message.turnId === currentTurnId) continue;
    if (message.role === 'user') turns.push({ turnId: message.turnId, question: message.content, answer: undefined });
    else {
      const index = turns.findLastIndex((turn) => turn.turnId === message.turnId);
      if (index >= 0) turns[index] = { ...(turns[index] as StoredTurn), answer: message };
    }
  }
  return turns;
}

/** The lines to append: after the last stored turn the transcript has, everything it lacks. */
function missingEntries(turns: readonly StoredTurn[], lines: readonly TranscriptLine[], sessionId: string): SessionStoreEntry[] {
  // Each stored question, matched in order against the typed user lines of the transcript.
  const questionLine = new Map<number, number>();
  let from = 0;
  turns.forEach((turn, i) => {
    const at = lines.findIndex((line, index) => index >= from && line.type === 'user' && line.text === turn.question);
    if (at < 0) return;
    questionLine.set(i, at);
    from = at + 1;
  });
  const lastMatched = Math.max(-1, ...questionLine.keys());
  const known = new Set(lines.flatMap((line) => (line.uuid ? [line.uuid] : [])));
  const writer = new LineWriter(lines, sessionId);

  // Tool calls the transcript starts after its last question and never finishes: the process died in them.
  const afterLastQuestion = lines.slice(lines.findLastIndex((line) => line.type === 'user' && line.text !== null) + 1);
  const finished = new Set(afterLastQuestion.flatMap((line) => line.toolResults ?? []));
  const dangling = afterLastQuestion.flatMap((line) => line.toolUses ?? []).filter((id) => !finished.has(id));

  const last = turns[lastMatched];
  const tail = turns.slice(lastMatched + 1);
  const lastNeedsEnd = last?.answer?.interrupted === true && !known.has(lineId(sessionId, last.turnId, 'answer'));
  if (!lastNeedsEnd && tail.length === 0) return [];
  if (dangling.length > 0) writer.toolResults(dangling);
  if (last && lastNeedsEnd) writer.assistant(lineId(sessionId, last.turnId, 'answer'), answerText(last.answer));
  for (const turn of tail) {
    writer.user(lineId(sessionId, turn.turnId, 'question'), turn.question);
    writer.assistant(lineId(sessionId, turn.turnId, 'answer'), answerText(turn.answer));
  }
  return writer.entries;
}

/** The stored answer as the model should read it: its text, and how it ended when it did not end well. */
function answerText(answer: MessageRow | undefined): string {
  if (!answer || (answer.content === '' && answer.status === 'running')) return '(No answer was written for this question.)';
  if (answer.interrupted || answer.status === 'running') return join(answer.content, CUT_OFF_NOTE);
  if (answer.status === 'stopped') return join(answer.content, '[The user stopped this answer here.]');
  if (answer.status === 'error') return join(answer.content, `[This answer failed: ${answer.error?.message ?? 'an error'}]`);
  return answer.content;
}

function join(text: string, note: string): string {
  return text.trim() === '' ? note : `${text}\n\n${note}`;
}

/** A line id that is the same every time for the same turn and part: appending it again adds nothing. */
function lineId(sessionId: string, turnId: string, part: string): string {
  const hex = createHash('sha256').update(`${sessionId}/${turnId}/${part}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Transcript lines in the CLI's own shape (the parts its resume reads), each chained to the one before. */
class LineWriter {
  readonly entries: SessionStoreEntry[] = [];
  private parent: string | null;
  private readonly common: Record<string, unknown>;
  private readonly model: string;

  constructor(lines: readonly TranscriptLine[], sessionId: string) {
    this.parent = lines.findLast((line) => line.chained && line.uuid !== null)?.uuid ?? null;
    const withPlace = lines.findLast((line) => line.cwd !== null);
    this.common = {
      isSidechain: false,
      userType: 'external',
      entrypoint: 'sdk-ts',
      sessionId,
      ...(withPlace?.cwd ? { cwd: withPlace.cwd } : {}),
      ...(withPlace?.version ? { version: withPlace.version } : {}),
    };
    this.model = lines.findLast((line) => line.model !== null)?.model ?? 'unknown';
  }

  user(uuid: string, text: string): void {
    this.add(uuid, 'user', { role: 'user', content: text });
  }

  toolResults(toolUseIds: readonly string[]): void {
    const content = toolUseIds.map((id) => ({ type: 'tool_result', tool_use_id: id, content: 'The server stopped before this tool call finished.', is_error: true }));
    this.add(randomUUID(), 'user', { role: 'user', content });
  }

  assistant(uuid: string, text: string): void {
    this.add(uuid, 'assistant', {
      id: `msg_restored_${uuid.replaceAll('-', '')}`,
      type: 'message',
      role: 'assistant',
      model: this.model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    });
  }

  private add(uuid: string, type: 'user' | 'assistant', message: Record<string, unknown>): void {
    this.entries.push({ parentUuid: this.parent, ...this.common, type, message, uuid, timestamp: new Date().toISOString() });
    this.parent = uuid;
  }
}
