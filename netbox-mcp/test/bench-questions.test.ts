import { beforeAll, describe, expect, it } from 'vitest';
import { missingFacts, QUESTIONS, type BenchQuestion } from '../../bench/support/mcp-questions-set.ts';
import { SandboxApi } from '../../bench/support/mcp-sandbox-api.ts';
import { pickSubjects, type Subjects } from '../../bench/support/mcp-subjects.ts';
import { TEST_ANCHOR } from '../../netbox-sandbox/test/support/test-sandbox.ts';
import { useMcp } from './support/mcp-harness.ts';

/** The benchmark's question set, once at ×1 with no timing: each is answered in at most 2 calls, correctly. */
const mcp = useMcp();
const holder: { api?: SandboxApi; subjects?: Subjects } = {};

beforeAll(async () => {
  holder.api = new SandboxApi(mcp.sandbox.url, mcp.sandbox.authorization);
  holder.subjects = await pickSubjects(holder.api, TEST_ANCHOR);
});

describe('the issue’s questions (bench/mcp-questions.ts) at ×1', () => {
  it('picks its subjects from the data', () => {
    expect(holder.subjects).toMatchObject({ device: 'chi-dc1-cr01', site: 'CHI-DC1', rack: 'R01' });
  });

  it.each(QUESTIONS.map((q): [number, string, BenchQuestion] => [q.id, q.label, q]))(
    'Q%i %s: at most 2 calls, no tool error, the facts the REST API gives',
    async (_id, _label, question) => {
      const subjects = holder.subjects!;
      const calls = question.ours(subjects);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.length).toBeLessThanOrEqual(2);
      const texts: string[] = [];
      for (const call of calls) {
        const result = await mcp.call(call.tool, { ...call.args });
        expect(result.isError, `${call.tool}: ${result.text}`).toBe(false);
        texts.push(result.text);
      }
      const facts = await question.facts(holder.api!, subjects);
      expect(facts.length, 'the data must give this question something to check').toBeGreaterThan(0);
      expect(missingFacts(texts.join('\n'), facts), texts.join('\n---\n')).toEqual([]);
    },
  );
});

describe('missingFacts', () => {
  it('wants every part of a fact on one line, as a whole token', () => {
    const text = 'MX204 | 5\nEX4300-48P\n4\nvm-01 | 10.1.0.10/24';
    expect(missingFacts(text, [['mx204', '5'], ['EX4300-48P', '4'], ['vm-01', '10.1.0.10'], ['10.1.0.1'], ['vm-0']])).toEqual([
      ['EX4300-48P', '4'],
      ['10.1.0.1'],
      ['vm-0'],
    ]);
  });
});
