import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One line of the benchmark report: a figure, and what it is compared against. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A target from the issue, `≥` unless `lowerIsBetter`. */
  readonly target?: number;
  readonly lowerIsBetter?: boolean;
  readonly note?: string;
}

export const seconds = (startNs: bigint): number => Number(process.hrtime.bigint() - startNs) / 1e9;

/** Runs `work` and returns items per second. */
export const rate = async (items: number, work: () => Promise<void> | void): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return items / seconds(start);
};

export const tempDir = (label: string): { dir: string; remove: () => void } => {
  const dir = mkdtempSync(join(process.env.HUJI_BENCH_DIR ?? tmpdir(), `huji-bench-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2));

const verdict = (f: Figure): string => {
  if (f.target === undefined) return '';
  const met = f.lowerIsBetter ? f.value <= f.target : f.value >= f.target;
  return `${met ? 'met   ' : 'MISSED'} (target ${f.lowerIsBetter ? '≤' : '≥'} ${fmt(f.target)})`;
};

export const printFigures = (title: string, figures: readonly Figure[]): void => {
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(`\n${title}`);
  for (const f of figures) {
    const value = `${fmt(f.value)} ${f.unit}`.padStart(22);
    console.log(`  ${f.name.padEnd(width)} ${value}  ${verdict(f)}${f.note ? `  ${f.note}` : ''}`);
  }
};
