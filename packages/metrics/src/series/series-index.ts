/**
 * Series keyed by their label values, in label order, through nested Maps: a lookup hashes each
 * value string once (V8 caches string hashes), with no key concatenation or allocation on a hit.
 */
export class SeriesIndex<T> {
  private readonly root = new Map<string, unknown>();
  private single: T | undefined;
  /** Every series, for collection. */
  readonly all: T[] = [];

  constructor(
    private readonly depth: number,
    private readonly create: (values: readonly string[]) => T,
  ) {}

  get0(): T {
    if (this.single === undefined) {
      this.single = this.create([]);
      this.all.push(this.single);
    }
    return this.single;
  }

  get1(a: string): T {
    let series = this.root.get(a) as T | undefined;
    if (series === undefined) {
      series = this.create([a]);
      this.root.set(a, series);
      this.all.push(series);
    }
    return series;
  }

  get2(a: string, b: string): T {
    let level = this.root.get(a) as Map<string, T> | undefined;
    if (level === undefined) this.root.set(a, (level = new Map()));
    let series = level.get(b);
    if (series === undefined) {
      series = this.create([a, b]);
      level.set(b, series);
      this.all.push(series);
    }
    return series;
  }

  get3(a: string, b: string, c: string): T {
    let level1 = this.root.get(a) as Map<string, Map<string, T>> | undefined;
    if (level1 === undefined) this.root.set(a, (level1 = new Map()));
    let level2 = level1.get(b);
    if (level2 === undefined) level1.set(b, (level2 = new Map<string, T>()));
    let series = level2.get(c);
    if (series === undefined) {
      series = this.create([a, b, c]);
      level2.set(c, series);
      this.all.push(series);
    }
    return series;
  }

  /** Any depth, for code paths that are not hot. */
  get(values: readonly string[]): T {
    switch (this.depth) {
      case 0:
        return this.get0();
      case 1:
        return this.get1(values[0]!);
      case 2:
        return this.get2(values[0]!, values[1]!);
      case 3:
        return this.get3(values[0]!, values[1]!, values[2]!);
      default:
        throw new Error(`SeriesIndex supports up to 3 labels, not ${this.depth}`);
    }
  }
}
