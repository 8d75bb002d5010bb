import { OfficialSession } from './mcp-official-session.ts';
import { OFFICIAL_PATTERNS } from './mcp-official-patterns.ts';
import type { OurResult, OurServer, RequestTap } from './mcp-our-server.ts';
import { missingFacts, QUESTIONS, type BenchQuestion } from './mcp-questions-set.ts';
import { SandboxApi } from './mcp-sandbox-api.ts';
import type { Subjects } from './mcp-subjects.ts';

/** Tools whose answer is a list the model may have to page through. */
const LIST_TOOLS = new Set(['netbox_get_objects', 'netbox_get_changelogs', 'netbox_prefix_usage']);

export interface QuestionFigures {
  readonly question: BenchQuestion;
  readonly officialCalls: number;
  readonly officialBytes: number;
  readonly ourCalls: number;
  /** NetBox requests our server made for those calls (fan-out, name lookups, paging). */
  readonly ourRequests: number;
  readonly ourBytes: number;
  /** Tool errors, or facts our answer lacks: empty when it answered fully. */
  readonly problems: readonly string[];
  /** How much of a long list our answer shows (`50/500`), `all`, `cut` (cut to the size budget) or `-`. */
  readonly ourShown: string;
  /** Our result texts, for `--show`. */
  readonly answer: string;
}

export interface RunTarget {
  readonly url: string;
  readonly authorization: string;
  readonly ours: OurServer;
  readonly tap: RequestTap;
}

/** How much of its list an answer shows; a cut or partial part of a 2-call answer wins over a whole one. */
function shownOf(tool: string, result: OurResult, before: string): string {
  const { rows, total, truncated } = result.meta;
  let shown = '-';
  if (LIST_TOOLS.has(tool) && rows !== undefined && total !== undefined) shown = rows < total ? `${rows}/${total}` : 'all';
  else if (truncated) shown = 'cut';
  return before === '-' || before === 'all' ? shown : before;
}

/** Asks every question both ways against one sandbox and checks our answers against the REST API. */
export async function runQuestions(target: RunTarget, subjects: Subjects): Promise<QuestionFigures[]> {
  const facts = new SandboxApi(target.url, target.authorization);
  const figures: QuestionFigures[] = [];
  for (const question of QUESTIONS) {
    const official = new OfficialSession(new SandboxApi(target.url, target.authorization));
    await OFFICIAL_PATTERNS[question.id]!(official, subjects);

    const problems: string[] = [];
    const texts: string[] = [];
    let ourBytes = 0;
    let ourShown = '-';
    const calls = question.ours(subjects);
    target.tap.start();
    for (const call of calls) {
      const result = await target.ours.call(call.tool, call.args);
      ourBytes += result.bytes;
      texts.push(result.text);
      ourShown = shownOf(call.tool, result, ourShown);
      if (result.isError) problems.push(`${call.tool}: ${result.text.split('\n')[0]}`);
    }
    const ourRequests = target.tap.stop().length;
    if (problems.length === 0) {
      const missing = missingFacts(texts.join('\n'), await question.facts(facts, subjects));
      if (missing.length) problems.push(`missing ${missing.length} facts, e.g. ${missing.slice(0, 3).map((f) => f.join(' + ')).join('; ')}`);
    }
    figures.push({ question, officialCalls: official.calls, officialBytes: official.bytes, ourCalls: calls.length, ourRequests, ourBytes, ourShown, problems, answer: texts.join('\n---\n') });
  }
  return figures;
}
