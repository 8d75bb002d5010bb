/**
 * What the bench started, stopped in reverse order: at the end, on an error, and on Ctrl+C, so no server,
 * sandbox, model stub or CLI process outlives the run.
 */
export class Cleanup {
  private readonly steps: Array<{ what: string; run: () => Promise<void> | void }> = [];

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
