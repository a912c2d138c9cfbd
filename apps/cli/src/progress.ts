/** A one-line progress display on a terminal (stderr); silent when stderr is not a TTY. */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly tty: boolean;

  constructor(private readonly label: string, private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(stream.isTTY);
  }

  update(done: number, total?: number): void {
    const now = Date.now();
    if (!this.tty || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = total && rate > 0 ? ` eta ${Math.max(0, (total - done) / rate).toFixed(0)}s` : '';
    const bar = total ? ` ${barOf(done / total)} ${((100 * done) / total).toFixed(1)}%` : '';
    this.stream.write(`\r${this.label}${bar} ${done.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s)${eta}   `);
  }

  done(): void {
    if (this.tty) this.stream.write('\n');
  }
}

const barOf = (fraction: number, width = 24): string => {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
};
