/**
 * What the bench started, stopped in reverse order: at the end, on an error, and on Ctrl+C, so no server,
 * sandbox, model stub or CLI process outlives the run.
 */
export class Cleanup {
  private readonly steps: Array<{ what: string; run: () => Promise<void> | void }> = [];
  /** Set once Ctrl+C or SIGTERM has started stopping everything: the errors that follow are expected. */
  interrupted = false;

  /** On SIGINT or SIGTERM: says so through `progress`, stops everything, exits with 130. */
  stopOnSignals(progress: (text: string) => void): this {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        this.interrupted = true;
        progress(`${signal}: stopping everything started`);
        void this.all().finally(() => process.exit(130));
      });
    }
    return this;
  }

  add(what: string, run: () => Promise<void> | void): void {
    this.steps.push({ what, run });
  }

  /** Runs and forgets the most recent step for `what` (a phase that ends early). */
  async run(what: string): Promise<void> {
    const index = this.steps.map((step) => step.what).lastIndexOf(what);
    if (index < 0) return;
    const [step] = this.steps.splice(index, 1);
    await this.settle(step!);
  }

  async all(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await this.settle(step);
  }

  private async settle(step: { what: string; run: () => Promise<void> | void }): Promise<void> {
    try {
      await step.run();
    } catch (error) {
      process.stderr.write(`cleanup: stopping ${step.what} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}
