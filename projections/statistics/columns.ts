/** Interns values to small integers. */
export class Interned<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<string, number>();
  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  id(key: string, value: T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(key, id);
    }
    return id;
  }
}

/** Growable column of 32-bit integers. */
export class Column {
  data = new Int32Array(1024);
  length = 0;
  /** Drops the spare capacity (after a bulk load). */
  trim(): void {
    this.data = this.data.slice(0, this.length);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(1024, this.data.length * 2)); // a trimmed empty column has no capacity to double
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}
