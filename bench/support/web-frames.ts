/**
 * What the page records while it is watched: every animation frame's timestamp, every long task, and (when an
 * answer is awaited) when its first text showed and when it ended. Installed with page.evaluate before the
 * question is sent; plain JavaScript in a string, as tsx's helpers do not exist inside the page.
 */
export function frameRecorderScript(mark: string): string {
  return `(() => {
    if (window.__bench) return;
    const b = window.__bench = { frames: [], tasks: [], watchFrom: -1, t0: null, t1: null, endState: null };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) b.tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
    let answer = null;
    const tick = (now) => {
      b.frames.push(now);
      if (b.watchFrom >= 0 && b.t1 === null) {
        // The answer is the first assistant message past those already shown; it is looked up again if the
        // view re-renders it (the URL changes from / to /c/<id> on a new conversation).
        if (!answer || !answer.isConnected) {
          const all = document.querySelectorAll('[data-testid="assistant-message"]');
          answer = all.length > b.watchFrom ? all[all.length - 1] : null;
        }
        if (answer) {
          if (b.t0 === null && answer.textContent.includes(${JSON.stringify(mark)})) b.t0 = performance.now();
          const state = answer.getAttribute('data-state');
          if (state === 'done' || state === 'error' || state === 'stopped') { b.t1 = performance.now(); b.endState = state; }
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`;
}

/** Starts watching for the next answer: the assistant messages now on the page are not it. */
export const WATCH_NEXT_ANSWER = `(() => { window.__bench.watchFrom = document.querySelectorAll('[data-testid="assistant-message"]').length; })()`;

export interface Recording {
  readonly frames: number[];
  readonly tasks: Array<[number, number]>;
  readonly t0: number | null;
  readonly t1: number | null;
  readonly endState: string | null;
}

export const READ_RECORDING = '({ frames: window.__bench.frames, tasks: window.__bench.tasks, t0: window.__bench.t0, t1: window.__bench.t1, endState: window.__bench.endState })';

export interface WindowFigures {
  readonly durationMs: number;
  readonly fps: number;
  /** The longest time between two frames: the worst freeze a user saw. */
  readonly longestFrameMs: number;
  /** Frames that came more than 50 ms after the one before. */
  readonly slowFrames: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /** The sum of each long task's time over 50 ms (Lighthouse's total blocking time). */
  readonly blockingMs: number;
}

/** The frames and long tasks in [from, to] of one recording (page time, ms). */
export function windowFigures(recording: Recording, from: number, to: number): WindowFigures {
  const frames = recording.frames.filter((t) => t >= from && t <= to);
  let longestFrameMs = 0;
  let slowFrames = 0;
  // The gap from the window's start to its first frame counts too: a freeze that began just before still shows.
  const edges = [from, ...frames, to];
  for (let i = 1; i < edges.length; i += 1) {
    const gap = edges[i]! - edges[i - 1]!;
    longestFrameMs = Math.max(longestFrameMs, gap);
    if (gap > 50) slowFrames += 1;
  }
  const tasks = recording.tasks.filter(([start, duration]) => start + duration >= from && start <= to);
  const durationMs = to - from;
  return {
    durationMs,
    fps: durationMs > 0 ? (frames.length * 1000) / durationMs : Number.NaN,
    longestFrameMs,
    slowFrames,
    longTasks: tasks.length,
    longestTaskMs: tasks.reduce((max, [, duration]) => Math.max(max, duration), 0),
    blockingMs: tasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
  };
}
