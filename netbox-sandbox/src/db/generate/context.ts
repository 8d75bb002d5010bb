import { ContentTypes } from './content-types.ts';
import { Random } from './random.ts';
import { DatasetBuilder } from './table-builder.ts';
import { Timeline } from './timeline.ts';

export interface GenerateOptions {
  readonly seed: number;
  /** Multiplies every count: 1 is about NetBox's demo size, 100 is for load tests. */
  readonly scale: number;
  /** "Now": the end of the change window and the latest possible timestamp. */
  readonly anchor: Date;
}

/** What every generator module shares: the tables, content types, time and random streams. */
export class GenerationContext {
  readonly db = new DatasetBuilder();
  readonly ct: ContentTypes;
  readonly time: Timeline;
  readonly scale: number;
  readonly seed: number;

  constructor(options: GenerateOptions) {
    this.seed = options.seed;
    this.scale = options.scale;
    this.time = new Timeline(options.anchor);
    this.ct = new ContentTypes(this.db);
  }

  /** The random stream of one concern. */
  random(label: string): Random {
    return new Random(this.seed, label);
  }
}
