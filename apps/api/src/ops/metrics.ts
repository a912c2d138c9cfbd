/** Upper bounds (seconds) of the request duration histogram. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface Series {
  count: number;
  sum: number;
  readonly buckets: number[];
}

const label = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Request counters and latency histograms by route template and status, in Prometheus text format. */
export class HttpMetrics {
  private readonly series = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }));
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++;
  }

  /** The exposition text; `gauges` adds the registry's own figures (log head, projector lag …). */
  render(gauges: Readonly<Record<string, { help: string; value: number }>>): string {
    const lines = [
      '# HELP huji_http_requests_total HTTP requests by method, route and status.', '# TYPE huji_http_requests_total counter',
      ...[...this.series].map(([k, s]) => `huji_http_requests_total{${k}} ${s.count}`),
      '# HELP huji_http_request_duration_seconds HTTP request duration.', '# TYPE huji_http_request_duration_seconds histogram',
      ...[...this.series].flatMap(([k, s]) => [
        ...BUCKETS.map((b, i) => `huji_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`),
        `huji_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`,
        `huji_http_request_duration_seconds_sum{${k}} ${s.sum}`, `huji_http_request_duration_seconds_count{${k}} ${s.count}`,
      ]),
      ...Object.entries(gauges).flatMap(([name, g]) => [`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.value}`]),
    ];
    return `${lines.join('\n')}\n`;
  }
}
