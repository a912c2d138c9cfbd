import { type PolicyRecord, windowsOfRecord } from '../../../../libs/domain/src/jurisdiction/jurisdiction';
import { BUILTIN_POLICIES, policyRefOf } from '../../../../libs/domain/src/policy';
import { type PolicyWindow, windowInForce } from '../../../../libs/domain/src/policy/select';
import { classOn, regionCatalog, regionPrefixOf } from '../../../../libs/domain/src/regions';
import { type JurisdictionRecord } from '../../../../libs/registry/src/jurisdictions';
import { type Position } from '../../../../libs/event-store/src';
import { ApiError } from '../http/problem';
import { type RegistryRuntime } from '../runtime';

const nameOf = (prefix: string): string => regionCatalog().fullName(prefix.padEnd(12, '0')) ?? prefix;

/** A window as the routes show it: the reference decisions cite, the period, and the content (tiers, rules, clauses). */
const shown = (w: PolicyWindow) => ({ ...w.ref, inForce: { from: w.from, until: w.until ?? null }, policy: w.policy });

/** The facts of one policy on its jurisdiction's stream (enactment, amendments, repeal), for auditors. */
const factsOf = (record: JurisdictionRecord, policyId: string) => record.timeline.filter((f) => f.key === policyId && f.event.startsWith('SettlementPolicy'));

/**
 * 落户政策 and 区划 as the registry holds them: what is in force per jurisdiction on a date (from the log:
 * enacted, amended, repealed), one policy's versions, the catalogue to enact from, and the regions with
 * their urban-rural class on a date — so nobody has to read the source for ids and codes.
 */
export class PolicyQueries {
  constructor(private readonly runtime: RegistryRuntime) {}

  /** Policies in force on `asOf` per jurisdiction (and each jurisdiction's cut-over), within or above `region`. */
  async inForce(asOf: string, region: string | undefined) {
    const records = await this.runtime.contexts.jurisdictions();
    const relevant = records.filter((r) => region === undefined || r.prefix.startsWith(region) || region.startsWith(r.prefix));
    return {
      asOf, region: region ?? null,
      jurisdictions: relevant.map((r) => ({
        jurisdiction: r.prefix, name: nameOf(r.prefix),
        cutover: r.state.cutover ? { date: r.state.cutover.effectiveDate, documentNo: r.state.cutover.documentNo, inForce: r.state.cutover.effectiveDate <= asOf } : null,
        policies: [...r.state.policies.values()].flatMap(windowsOfRecord).filter((w) => windowInForce(w, asOf)).map(shown),
      })).filter((j) => j.policies.length > 0 || j.cutover !== null),
    };
  }

  /** One policy: every version with its period, content and the facts that recorded it; its repeal if any. */
  async policy(policyId: string) {
    const records = await this.runtime.contexts.jurisdictions();
    const holder = records.find((r) => r.state.policies.has(policyId));
    if (!holder) throw new ApiError(404, 'POLICY.NOT_ENACTED', `no policy ${policyId} is enacted: GET /policies lists those in force, GET /policies/catalogue the documents to enact`);
    const record: PolicyRecord = holder.state.policies.get(policyId)!;
    return {
      id: policyId, jurisdiction: holder.prefix, name: nameOf(holder.prefix), repealedFrom: record.repealedFrom ?? null,
      versions: windowsOfRecord(record).map(shown), facts: factsOf(holder, policyId),
    };
  }

  /** The documents the registry ships (to enact from): reference and period, not in force until enacted. */
  catalogue() {
    return { documents: BUILTIN_POLICIES.map((p) => ({ ...policyRefOf(p), jurisdiction: p.jurisdiction, title: p.title, issuer: p.issuer, effectiveDate: p.effectiveDate })) };
  }

  /** A unit and the units one level below it: name, level, and for a village its urban-rural class on `asOf`. */
  async regions(prefix: string, asOf: string, after?: Position) {
    const catalog = regionCatalog();
    const unit = catalog.get(prefix.padEnd(12, '0'));
    if (!unit) throw new ApiError(404, 'REGION.UNKNOWN', `${prefix} is not a region of this registry`);
    const { reclassifications } = await this.runtime.statistics(after);
    const show = (code: string) => {
      const r = catalog.get(code)!;
      const urbanRuralClass = r.level === 'village' ? classOn(r.code, asOf, reclassifications, catalog) ?? null : null;
      return { code: regionPrefixOf(r.code), fullCode: r.code, name: r.name, level: r.level, ...(r.level === 'village' ? { urbanRuralClass, urban: urbanRuralClass?.startsWith('1') ?? null } : {}) };
    };
    return { asOf, ...show(unit.code), fullName: catalog.fullName(unit.code), children: catalog.children(unit.code).map((c) => show(c.code)) };
  }

  /** The top of the catalogue: the provinces it covers (partly or whole). */
  roots() {
    const catalog = regionCatalog();
    return { jurisdictions: [...new Set(catalog.jurisdictions.map((j) => regionPrefixOf(j).slice(0, 2)))].map((p) => ({ code: p, name: catalog.get(p.padEnd(12, '0'))?.name ?? p })) };
  }
}
