/** 统计用区划代码: a 12-digit statistical division code (province 2, prefecture 2, county 2, township 3, village 3). */
export type RegionCode = string & { readonly __brand: 'RegionCode' };

/** 区划级别: 省级, 地级, 县级, 乡级 (乡镇街道), 村级 (村委会/居委会). */
export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

/** The levels from the top down. */
export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'prefecture', 'county', 'township', 'village'];

/** How many leading digits of a code are significant at each level: 2, 4, 6, 9, 12. */
export const SIGNIFICANT_DIGITS: Readonly<Record<RegionLevel, number>> = { province: 2, prefecture: 4, county: 6, township: 9, village: 12 };

/**
 * 城乡分类代码: 111 主城区, 112 城乡结合区, 121 镇中心区, 122 镇乡结合区, 123 特殊区域 (all 城镇, urban);
 * 210 乡中心区, 220 村庄 (乡村, rural).
 */
export type UrbanRuralClass = '111' | '112' | '121' | '122' | '123' | '210' | '220';

/** Every 城乡分类代码, in code order. */
export const URBAN_RURAL_CLASSES: readonly UrbanRuralClass[] = ['111', '112', '121', '122', '123', '210', '220'];

/** 城镇: the classes counted as urban (1xx); the 城镇化率 is their population over the total. */
export const isUrbanClass = (c: UrbanRuralClass): boolean => c.startsWith('1');

/** Whether a value is one of the seven 城乡分类代码. */
export const isUrbanRuralClass = (value: unknown): value is UrbanRuralClass =>
  typeof value === 'string' && (URBAN_RURAL_CLASSES as readonly string[]).includes(value);

/**
 * The kind of a township-level unit (乡级), read from its name: 街道 (street), 镇 (town),
 * 乡 / 民族乡 / 苏木 (township), or a special unit (农场, 林场, 开发区, 管委会, 监狱 …).
 */
export type TownshipType = 'street' | 'town' | 'township' | 'special';

/**
 * The kind of a village-level unit (村级), read from its name: 居委会 / 社区 (residents' committee),
 * 村委会 / 村 (villagers' committee), or another unit (农场管理区, 生活区 …).
 */
export type CommitteeType = 'residents' | 'villagers' | 'other';

interface RegionBase {
  readonly code: RegionCode;
  /** The full Chinese name as published, e.g. 金水区, 经八路街道, 体育社区居民委员会. */
  readonly name: string;
  /** The unit one level up; undefined for a province. */
  readonly parent: RegionCode | undefined;
}

/** 省级, 地级 or 县级 unit. */
export interface DivisionRegion extends RegionBase {
  readonly level: 'province' | 'prefecture' | 'county';
}

/** 乡级 unit: 街道, 镇, 乡 or a special unit. */
export interface TownshipRegion extends RegionBase {
  readonly level: 'township';
  readonly townshipType: TownshipType;
}

/** 村级 unit: 居委会, 村委会 or similar, with its derived 城乡分类代码. */
export interface VillageRegion extends RegionBase {
  readonly level: 'village';
  readonly committeeType: CommitteeType;
  /** The class derived from the names (see `deriveUrbanRuralClass`); events may override it (`classOn`). */
  readonly class: UrbanRuralClass;
}

/** A unit of the 行政区划 at any level. */
export type Region = DivisionRegion | TownshipRegion | VillageRegion;
