import { errorFields, logLine, redactedText, redactedUrl } from '../src/ops/log';

const ID = '41010219850315002X';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZWdpc3RyYXItNyIsInJvbGUiOiJyZWdpc3RyYXIifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

/** The log's own redaction: what the access log and the error log may hold. */
describe('redactedUrl: the URL as the access log holds it', () => {
  it.each([
    ['a citizen id in the path', `/persons/${ID}/death`, '/persons/410102************/death'],
    ['a citizen id with a lower-case x', `/audit/persons/${ID.toLowerCase()}/state?asOf=2020-01-01`, '/audit/persons/410102************/state?asOf=2020-01-01'],
    ['a 15-digit first-generation number', '/persons/410102850315002/death', '/persons/410102*********/death'],
    ['a citizen id inside a query value', `/audit/integrity?stream=person-${ID}`, '/audit/integrity?stream=person-410102************'],
    ['a percent-encoded citizen id', '/persons/%34%31%301021985031500%32%58', '/persons/410102************'],
    ['a token parameter', `/events?token=abc123&region=4101`, '/events?token=[redacted]&region=4101'],
    ['credential-named parameters', '/x?access_token=a&jwt=b&key=c&secret=d&Authorization=e&apiKey=f&client_secret=g', '/x?access_token=[redacted]&jwt=[redacted]&key=[redacted]&secret=[redacted]&Authorization=[redacted]&apiKey=[redacted]&client_secret=[redacted]'],
    ['a JWT under any name', `/events?from=1&x=${JWT}`, '/events?from=1&x=[redacted]'],
    ['a JWT in the path', `/docs/${JWT}`, '/docs/[redacted]'],
    ['a bearer credential in a value', '/x?h=Bearer%20abcdefghijkl', '/x?h=Bearer%20[redacted]'],
  ])('Given %s, Then it is redacted', (_what, url, expected) => {
    expect(redactedUrl(url)).toBe(expected);
  });

  it.each([
    ['a plain query', '/statistics/population?region=4101&asOf=2020-12-31&after=12/34'],
    ['an empty value and a bare name', '/statistics/population?asOf=&region'],
    ['a household id and a position', '/households/h-410102-000001?after=12345'],
    ['a 19-digit position (not a citizen id)', '/events?from=1234567890123456789'],
    ['a malformed escape', '/x?y=%E0%A4%A'],
  ])('Given %s, Then it is kept as sent', (_what, url) => {
    expect(redactedUrl(url)).toBe(url);
  });
});

describe('the log lines themselves', () => {
  const captured = (write: () => void): Record<string, unknown> => {
    const lines: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => lines.push(chunk) > 0;
    try {
      write();
    } finally {
      process.stdout.write = original;
    }
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]!) as Record<string, unknown>;
  };

  it('Given any field that holds a citizen id or a token, Then the line holds neither (no call site can leak them)', () => {
    const line = captured(() => logLine('error', 'completing a family settlement failed', { principal: ID, nested: { header: `Bearer ${JWT}` } }));
    expect(JSON.stringify(line)).not.toContain(ID);
    expect(JSON.stringify(line)).not.toContain(JWT.slice(0, 40));
    expect(line).toMatchObject({ principal: '410102************', nested: { header: 'Bearer [redacted]' } });
  });

  it('Given an error that quotes a request, Then its message and stack are bounded and redacted', () => {
    const error = new Error(`no person is registered as ${ID}: ${'x'.repeat(5000)}`);
    const line = captured(() => logLine('error', 'request failed', errorFields(error)));
    expect((line.error as string).length).toBeLessThanOrEqual(1000);
    expect((line.stack as string).length).toBeLessThanOrEqual(4000);
    expect(JSON.stringify(line)).not.toContain(ID);
  });

  it('Given text without ids or tokens, Then redactedText keeps it word for word', () => {
    expect(redactedText('the bearer token was refused (AUTH.TOKEN_EXPIRED) for household h-1 at 2026-01-01T00:00:00.000Z')).toBe('the bearer token was refused (AUTH.TOKEN_EXPIRED) for household h-1 at 2026-01-01T00:00:00.000Z');
  });
});
