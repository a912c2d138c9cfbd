import { type StoredEvent } from '../../event-store/src';

/**
 * 登记时间: when the registry knew a fact — for an imported history, when its source recorded it
 * (`metadata.originallyRecordedAt`); otherwise when this log received it. The recorded basis (`knownAt`) of
 * statistics and audits reads this, so an import does not make old facts look newly known.
 */
export const recordedAtOf = (e: Pick<StoredEvent, 'recordedAt' | 'metadata'>): Date => {
  const original = e.metadata.originallyRecordedAt;
  if (typeof original === 'string') {
    const t = Date.parse(original);
    if (Number.isFinite(t)) return new Date(t);
  }
  return e.recordedAt;
};
