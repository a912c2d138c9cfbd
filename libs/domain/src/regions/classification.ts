import { type CommitteeType, type TownshipType, type UrbanRuralClass } from './types';

/**
 * The kind of a 乡级 unit from its name:
 * - 街道 (also 街道办事处, 街道地区), and 直辖村级区划 (villages a district or county-level city administers
 *   directly, with no township between: 龙港市, 佳木斯向阳区) → `street`;
 * - 镇 → `town`;
 * - 乡, 民族乡 (回族乡, 满族乡 …), 苏木 → `township`;
 * - anything else (农场, 林场, 林业局, 良种场, 开发区, 管理委员会, 监狱, 保税区 …) → `special`.
 */
export const townshipTypeOf = (name: string): TownshipType => {
  if (/街道(?:办事处|地区)?$/.test(name) || name.endsWith('直辖村级区划')) return 'street';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡') || name.endsWith('苏木')) return 'township';
  return 'special';
};

/** Markers of a 居委会 (社区居民委员会, 居委会, and the typos of the source: 居民委会, 社区委员会, 居名委员会 …). */
const RESIDENTS_MARKERS = ['社区', '居委', '居民委', '居名委'];
/** Markers of a 村委会 (村民委员会, 村委会, 村委员会, 村民员委会, （村委会）). A name ending in 村 is one too. */
const VILLAGERS_MARKERS = ['村委', '村民', '村员'];
/** A committee with neither marker but a 村 in its name (typos such as 白龙二村街民委员会) is a 村委会. */
const COMMITTEE = /(?:委员会|委会)$/;

const lastIndexOfAny = (name: string, markers: readonly string[]): number =>
  Math.max(-1, ...markers.map((m) => name.lastIndexOf(m)));

/**
 * The kind of a 村级 unit from its name. The committee named last decides, so 明星社区村委会 (a 村委会
 * named after a 社区) is `villagers` and 王村社区居民委员会 is `residents`. A …委员会 with neither marker
 * but a 村 in its name is `villagers`. Other names (农场管理区, 林场生活区, 风景名胜管理区 …) are `other`.
 */
export const committeeTypeOf = (name: string): CommitteeType => {
  const residents = lastIndexOfAny(name, RESIDENTS_MARKERS);
  const villagers = name.endsWith('村') ? name.length - 1 : lastIndexOfAny(name, VILLAGERS_MARKERS);
  if (residents < 0 && villagers < 0) return COMMITTEE.test(name) && name.includes('村') ? 'villagers' : 'other';
  return residents > villagers ? 'residents' : 'villagers';
};

/**
 * 城乡分类代码 derived from the kinds of a village-level unit and its township. The NBS assigns the class
 * from the built-up area a unit belongs to, which the names do not show, so this is an approximation
 * that a jurisdiction corrects by a RegionReclassified event (see `classOn`):
 *
 * | township \ committee | residents (居委会) | villagers (村委会) | other (管理区, 生活区 …) |
 * | --- | --- | --- | --- |
 * | street (街道)        | 111 主城区   | 112 城乡结合区 | 123 特殊区域 |
 * | town (镇)            | 121 镇中心区 | 220 村庄       | 123 特殊区域 |
 * | township (乡)        | 210 乡中心区 | 220 村庄       | 123 特殊区域 |
 * | special (农场, 林场 …) | 123 特殊区域 | 220 村庄     | 123 特殊区域 |
 *
 * A 村委会 outside a 街道 is a village (220) wherever it lies; 122 镇乡结合区 (a village grown into a
 * town's built-up area) cannot be told from names and arises only by reclassification.
 */
export const deriveUrbanRuralClass = (township: TownshipType, committee: CommitteeType): UrbanRuralClass => {
  if (committee === 'other') return '123';
  switch (township) {
    case 'street':
      return committee === 'residents' ? '111' : '112';
    case 'town':
      return committee === 'residents' ? '121' : '220';
    case 'township':
      return committee === 'residents' ? '210' : '220';
    case 'special':
      return committee === 'residents' ? '123' : '220';
  }
};

/** 城乡分类代码 of a village-level unit from its name and its township's name. */
export const classifyByNames = (townshipName: string, villageName: string): UrbanRuralClass =>
  deriveUrbanRuralClass(townshipTypeOf(townshipName), committeeTypeOf(villageName));
