import fc from 'fast-check';
import {
  type CommitteeType, committeeTypeOf, deriveUrbanRuralClass, isUrbanClass, regionCatalog, type TownshipType,
  townshipTypeOf, URBAN_RURAL_CLASSES, type VillageRegion,
} from '../../src/regions';

const catalog = regionCatalog();
const village = (code: string): VillageRegion => {
  const region = catalog.get(code);
  if (region?.level !== 'village') throw new Error(`${code} is not a village in the data`);
  return region;
};

describe('城乡分类代码 derived from the names', () => {
  it.each([
    ['经八路街道', 'street'], ['兴隆林业局办事处', 'special'], ['牡林工程公司街道办事处', 'street'], ['兆麟街道地区', 'street'],
    ['向阳区直辖村级区划', 'street'], ['马寨镇', 'town'], ['刁家乡', 'township'], ['红旗满族乡', 'township'],
    ['贡宝拉格苏木', 'township'], ['红旗农场', 'special'], ['依兰县林业局', 'special'], ['莲花管理委员会', 'special'],
    ['黑龙江省双鸭山监狱', 'special'], ['郑州经济开发区', 'special'], ['龙河镇保安林场', 'special'],
  ] as const)('Given the 乡级 unit %s, When its type is read, Then it is a %s', (name, type) => {
    expect(townshipTypeOf(name)).toBe<TownshipType>(type);
  });

  it.each([
    ['绿财社区居委会', 'residents'], ['体育社区居民居委会', 'residents'], ['马寨社区居民管理委员会', 'residents'],
    ['南红社区', 'residents'], ['兰湖洞居委会', 'residents'], ['天鹅湾社区委员会', 'residents'], ['沃华社区居民委会', 'residents'],
    ['王村社区居民委员会', 'residents'], ['小岗刘村委会', 'villagers'], ['关虎屯村民委员会', 'villagers'], ['宽洞村', 'villagers'],
    ['明星社区村委会', 'villagers'], ['长青村村委员会', 'villagers'], ['湖区管理处（村委会）', 'villagers'],
    ['白龙二村街民委员会', 'villagers'], ['红旗农场望哈管理区', 'other'], ['南岗农垦虚拟生活区', 'other'],
  ] as const)('Given the 村级 unit %s, When its committee is read, Then it is %s', (name, type) => {
    expect(committeeTypeOf(name)).toBe<CommitteeType>(type);
  });

  it.each([
    ['a 社区居委会 under a 街道 in 金水区', '410105010011', '111'],
    ['a 村民委员会 under a 街道 in 金水区', '410105008201', '112'],
    ['a 社区居民管理委员会 under a 镇 (马寨镇)', '410103100001', '121'],
    ['a 村委会 under a 镇 (马寨镇)', '410103100202', '220'],
    ['a 社区 under a 民族乡 (红旗满族乡, 哈尔滨)', '230103201001', '210'],
    ['a 村委会 under a 乡 (刁家乡, 中牟县)', '410122208201', '220'],
    ['a 村 under a 瑶族乡 in 郴州', '431002209200', '220'],
    ['a 社区 under a 镇 in 温州', '330302102001', '121'],
    ['a 社区 of a 农场 (红旗农场场直)', '230103500402', '123'],
    ['a 管理区 of a 农场', '230103500501', '123'],
    ['a 村委会 under a 管理委员会', '231182418201', '220'],
    ['a 村委会 a district administers directly (直辖村级区划)', '230803198201', '112'],
  ])('Given %s (%s), When the catalogue derives its class, Then it is %s', (_what, code, expected) => {
    expect(village(code).class).toBe(expected);
  });

  it('Given every pair of township and committee type, When the class is derived, Then it follows the table', () => {
    const table: Record<TownshipType, Record<CommitteeType, string>> = {
      street: { residents: '111', villagers: '112', other: '123' },
      town: { residents: '121', villagers: '220', other: '123' },
      township: { residents: '210', villagers: '220', other: '123' },
      special: { residents: '123', villagers: '220', other: '123' },
    };
    for (const [township, row] of Object.entries(table) as [TownshipType, Record<CommitteeType, string>][]) {
      for (const [committee, expected] of Object.entries(row) as [CommitteeType, string][]) {
        expect(deriveUrbanRuralClass(township, committee)).toBe(expected);
      }
    }
  });

  it('Given any names, When classified, Then the class is a valid code and never 122 (that comes only by reclassification)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (t, v) => {
      const c = deriveUrbanRuralClass(townshipTypeOf(t), committeeTypeOf(v));
      expect(URBAN_RURAL_CLASSES).toContain(c);
      expect(c).not.toBe('122');
    }));
  });

  it('Given the classes, When asked which are urban, Then 1xx are 城镇 and 2xx are 乡村', () => {
    expect(URBAN_RURAL_CLASSES.filter(isUrbanClass)).toEqual(['111', '112', '121', '122', '123']);
  });

  it('Given the NBS code ranges (村级 001–199 居委会, 200–399 村委会), When every unit is read by name, Then the names agree', () => {
    const disagreeing = catalog.jurisdictions.flatMap((j) => catalog.villagesWithin(j)).filter((v) => {
      const n = Number(v.code.slice(9));
      return (n < 200 && v.committeeType !== 'residents') || (n >= 200 && n < 400 && v.committeeType !== 'villagers');
    });
    expect(disagreeing.map((v) => `${v.code} ${v.name}`)).toEqual([]);
  });
});
