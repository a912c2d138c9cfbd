import { createHash } from 'node:crypto';
import { eventHash, GENESIS_HASH, logHash } from '../src/chain';

const fields = { stream: 'person-110105194912310025', revision: 0, id: '6f1c0a8e-1111-4111-8111-111111111111', type: 'BirthRegistered', recordedAt: '2026-11-23T09:00:00.000Z', dataJson: '{"name":"王五"}', metadataJson: '{}' };

describe('the hash chain', () => {
  it('Given the documented encoding, When a downstream system hashes it itself, Then it gets the same hash', () => {
    const text = `huji-chain-1\n${GENESIS_HASH}\n${fields.stream}\n0\n${fields.id}\nBirthRegistered\n${fields.recordedAt}\n${fields.dataJson.length}\n${fields.dataJson}\n2\n{}`;
    expect(eventHash(GENESIS_HASH, fields)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it.each(Object.keys(fields) as (keyof typeof fields)[])('Given a change to %s, Then the hash changes', (key) => {
    const changed = { ...fields, [key]: key === 'revision' ? 1 : `${fields[key]}x` };
    expect(eventHash(GENESIS_HASH, changed)).not.toBe(eventHash(GENESIS_HASH, fields));
  });

  it('Given another predecessor, Then the hash changes (so reordering is visible)', () => {
    expect(eventHash('1'.repeat(64), fields)).not.toBe(eventHash(GENESIS_HASH, fields));
  });

  it('Given data whose text would run into the metadata, Then the length prefixes keep the encodings apart', () => {
    const a = { ...fields, dataJson: '{"a":"1\\n2"}', metadataJson: '{}' };
    const b = { ...fields, dataJson: '{"a":"1', metadataJson: '2"}\n{}' };
    expect(eventHash(GENESIS_HASH, a)).not.toBe(eventHash(GENESIS_HASH, b));
  });

  it('Given the global chain, Then it depends on the sequence and the event hash', () => {
    const h = eventHash(GENESIS_HASH, fields);
    expect(logHash(GENESIS_HASH, 1, h)).not.toBe(logHash(GENESIS_HASH, 2, h));
    expect(logHash(GENESIS_HASH, 1, h)).toMatch(/^[0-9a-f]{64}$/);
  });
});
