import { readdirSync, readFileSync } from 'node:fs';

/** One process's memory as Linux reports it, in kB. */
export interface ProcMemory {
  readonly pid: number;
  readonly name: string;
  /** VmRSS: resident pages, shared ones (a binary's code, libraries) counted in every process that maps them. */
  readonly rssKb: number;
  /** Pss: shared pages split between the processes that share them; NaN where unreadable. */
  readonly pssKb: number;
}

/** A child process with its own descendants folded in. */
export interface ChildMemory {
  readonly pid: number;
  readonly name: string;
  readonly rssKb: number;
  readonly pssKb: number;
  readonly processes: number;
}

/** A server process and what it started. */
export interface TreeMemory {
  readonly root: ProcMemory;
  readonly children: readonly ChildMemory[];
}

interface Stat {
  readonly pid: number;
  readonly ppid: number;
  readonly name: string;
  readonly startTime: string;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may itself hold spaces or parentheses: split after the last ')'.
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return { pid, ppid: Number(fields[1]), name, startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

function kbField(path: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export function procMemory(pid: number, name = readStat(pid)?.name ?? '?'): ProcMemory {
  return { pid, name, rssKb: kbField(`/proc/${pid}/status`, 'VmRSS'), pssKb: kbField(`/proc/${pid}/smaps_rollup`, 'Pss') };
}

function allStats(): Stat[] {
  const stats: Stat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** Every process below `rootPid`, with its start time (to tell it from a later process that reuses the PID). */
export function descendants(rootPid: number): { pid: number; startTime: string }[] {
  const byParent = new Map<number, Stat[]>();
  for (const stat of allStats()) byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat]);
  const found: { pid: number; startTime: string }[] = [];
  const walk = (pid: number) => {
    for (const child of byParent.get(pid) ?? []) {
      found.push({ pid: child.pid, startTime: child.startTime });
      walk(child.pid);
    }
  };
  walk(rootPid);
  return found;
}

/** Sends `signal` to a process only if it is still the one that was seen (same PID, same start time). */
export function signalIfSame(process_: { pid: number; startTime: string }, signal: NodeJS.Signals): boolean {
  if (readStat(process_.pid)?.startTime !== process_.startTime) return false;
  try {
    process.kill(process_.pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function treeMemory(rootPid: number): TreeMemory {
  const stats = allStats();
  const byParent = new Map<number, Stat[]>();
  for (const stat of stats) byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat]);
  const below = (pid: number): Stat[] => (byParent.get(pid) ?? []).flatMap((child) => [child, ...below(child.pid)]);
  const root = procMemory(rootPid);
  const children = (byParent.get(rootPid) ?? []).map((child) => {
    const members = [child, ...below(child.pid)].map((s) => procMemory(s.pid, s.name));
    return {
      pid: child.pid,
      name: child.name,
      rssKb: members.reduce((sum, m) => sum + m.rssKb, 0),
      pssKb: members.reduce((sum, m) => sum + m.pssKb, 0),
      processes: members.length,
    };
  });
  return { root, children };
}
