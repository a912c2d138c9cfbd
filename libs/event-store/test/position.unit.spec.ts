import { comparePositions, formatPosition, isAfter, parsePosition, positionOf } from '../src/position';

describe('positions in the global log', () => {
  it('Given embedded positions, Then they print as one number and parse back', () => {
    expect(formatPosition(positionOf(42))).toBe('42');
    expect(parsePosition('42')).toEqual(positionOf(42));
  });

  it('Given EventStoreDB positions, Then commit/prepare print and parse back', () => {
    const p = { commit: 1_234_567_890_123n, prepare: 1_234_567_890_456n };
    expect(formatPosition(p)).toBe('1234567890123/1234567890456');
    expect(parsePosition(formatPosition(p))).toEqual(p);
  });

  it.each(['', 'x', '-1', '1/', '/2', '1.5', '1/2/3', '99999999999999999999'])('Given %j, Then it is not a position', (text) => {
    expect(parsePosition(text)).toBeUndefined();
  });

  it('Given two positions, Then they order by commit then prepare, and undefined is before everything', () => {
    expect(comparePositions(positionOf(1), positionOf(2))).toBeLessThan(0);
    expect(comparePositions({ commit: 5n, prepare: 7n }, { commit: 5n, prepare: 6n })).toBeGreaterThan(0);
    expect(comparePositions(positionOf(3), positionOf(3))).toBe(0);
    expect(isAfter(positionOf(1), undefined)).toBe(true);
    expect(isAfter(positionOf(1), positionOf(1))).toBe(false);
  });
});
