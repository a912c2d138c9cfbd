/**
 * Calibration targets for the synthetic city: the seventh national census (第七次全国人口普查),
 * standard moment 2020-11-01 00:00, as published in each area's census bulletin (公报).
 *
 * Pure data. Every number is one a bulletin printed (or, where marked, one issue 14 gave); a number
 * that could not be read in a source is `null` with a note, never estimated.
 */

/** Which figure a source backs; the keys of {@link CensusArea} that hold numbers. */
export type CensusFigure =
  | 'residents' | 'residents2010' | 'urbanShare' | 'households' | 'ages' | 'sexRatio';

/** Where a figure was read: the bulletin's title, the page that reproduces it, and the words printed. */
export interface CensusSource {
  readonly figure: CensusFigure;
  /** The bulletin's title as published. */
  readonly title: string;
  /** The page where the figure was read; `null` when it is taken from issue 14 and was not re-read here. */
  readonly url: string | null;
  /** The wording or number as printed (or as the issue states it). */
  readonly quote: string;
  readonly note?: string;
}

/** Age structure in % of the resident population (常住人口). 15–59 + 0–14 + 60+ ≈ 100; 65+ is inside 60+. */
export interface AgeShares {
  readonly under15: number;
  readonly from15to59: number;
  readonly over60: number;
  readonly over65: number;
}

/** One area's census figures. Households: 家庭户 (family) and 集体户 (collective: dormitories, institutions). */
export interface CensusArea {
  /** Administrative-division code prefix: 2 digits for a province, 4 for a prefecture. */
  readonly code: string;
  readonly name: string;
  /** 常住人口 on census day. */
  readonly residents: number;
  readonly residents2010?: number;
  /** Urban share of residents in %, or `null` when no source gave it. */
  readonly urbanShare: number | null;
  /** Census day, or the year-end 2020 estimate when only that was published. */
  readonly urbanShareBasis: 'census-day' | 'year-end' | null;
  readonly familyHouseholds?: number;
  readonly familyPersons?: number;
  readonly collectiveHouseholds?: number;
  readonly collectivePersons?: number;
  readonly ages: AgeShares | null;
  /** Males per 100 females (以女性为100). */
  readonly sexRatio: number | null;
  readonly sources: readonly CensusSource[];
  /** Why a figure is missing or how it was read. */
  readonly notes: readonly string[];
}

const ISSUE = 'as given by issue 14; the bulletin was not re-read in this step';

const ZHENGZHOU: CensusArea = {
  code: '4101', name: '郑州市',
  residents: 12_600_574, residents2010: 8_626_505,
  urbanShare: 78.4, urbanShareBasis: 'census-day',
  familyHouseholds: 3_636_411, familyPersons: 10_237_153, collectiveHouseholds: 497_157, collectivePersons: 2_363_421,
  ages: null, sexRatio: 105.44,
  sources: [
    { figure: 'residents', title: '郑州市第七次全国人口普查公报', url: 'http://gkjzy.com/news/shuju/947495.html', quote: '全市常住人口为12600574人' },
    { figure: 'residents2010', title: '郑州市第七次全国人口普查公报', url: 'http://gkjzy.com/news/shuju/947495.html', quote: '与2010年第六次全国人口普查的8626505人相比,增加3974069人' },
    { figure: 'households', title: '郑州市第七次全国人口普查公报', url: 'http://gkjzy.com/news/shuju/947495.html', quote: '全市共有家庭户3636411户,集体户497157户。家庭户人口为10237153人,集体户人口为2363421 人' },
    { figure: 'urbanShare', title: '郑州市第七次全国人口普查公报', url: 'http://m.gxscse.com/ShuJuXiangGuan/955471.html', quote: '郑州市常住人口为12600574人,城镇人口987.9万人,城镇化率78.4%' },
    {
      figure: 'sexRatio', title: '郑州市第七次全国人口普查主要数据 (郑州市统计局, reported by 河南商报)', url: 'https://zztongyun.com/article/中国适龄未婚男女人数比例',
      quote: '男性人口为6467170人,占51.32 %;女性人口为6133404人,占48.68 %。总人口性别比为105.44',
    },
  ],
  notes: [
    'ages: the bulletin\'s age section was not found in the stored pages searched (only the mean age, 34.7, in 大河网); left null.',
  ],
};

const WENZHOU_BULLETIN = '温州市2020年第七次全国人口普查主要数据公报';
const WENZHOU_PAGE = 'http://m.gxscse.com/ShuJuXiangGuan/1015148.html';

const WENZHOU: CensusArea = {
  code: '3303', name: '温州市',
  residents: 9_572_903, residents2010: 9_122_102,
  urbanShare: 72.2, urbanShareBasis: 'year-end',
  familyHouseholds: 3_662_213, familyPersons: 8_684_741, collectiveHouseholds: 274_508, collectivePersons: 888_162,
  ages: null, sexRatio: null,
  sources: [
    { figure: 'residents', title: WENZHOU_BULLETIN, url: WENZHOU_PAGE, quote: '全市常住人口[2]为9572903人' },
    { figure: 'residents2010', title: WENZHOU_BULLETIN, url: WENZHOU_PAGE, quote: '与2010年第六次全国人口普查9122102人相比,十年共增加450801人' },
    { figure: 'households', title: WENZHOU_BULLETIN, url: WENZHOU_PAGE, quote: '全市共有家庭户[3]3662213户,集体户274508户,家庭户人口为8684741人,集体户人口为888162人' },
    {
      figure: 'urbanShare', title: '温州市2021年人口主要数据 (reproduced on the same page)', url: WENZHOU_PAGE,
      quote: '城镇人口占总人口的比重(即城镇化率)为72.8%,与2020年相比,上升0.6个百分点',
      note: '72.2% is the 2020 year-end rate implied by this wording (72.8 − 0.6); it matches issue 14.',
    },
  ],
  notes: [
    'ages, sexRatio: the stored copy of the bulletin breaks off after section 二 (户别); no other copy found; left null.',
  ],
};

const CHENZHOU: CensusArea = {
  code: '4310', name: '郴州市',
  residents: 4_667_134, residents2010: 4_583_531,
  urbanShare: 58.18, urbanShareBasis: 'year-end',
  familyHouseholds: 1_635_898, familyPersons: 4_333_913, collectiveHouseholds: 57_269, collectivePersons: 333_221,
  ages: null, sexRatio: null,
  sources: [
    {
      figure: 'residents', title: '湖南省第七次全国人口普查主要数据 (发布会, 2021-05-19)', url: 'http://www.czdjw.org.cn/content/2021/05/21/13208351.html',
      quote: '据普查主要数据郴州常住人口为4667134人',
    },
    { figure: 'residents2010', title: '郴州市第七次全国人口普查公报(第一号)', url: 'http://m.gxscse.com/ShuJuXiangGuan/1017241.html', quote: '全市常住人口为4667134人,与2010年第六次全国人口普查的4583531人相比,增加83603人' },
    { figure: 'households', title: '郴州市第七次全国人口普查公报(第一号)', url: 'http://m.gxscse.com/ShuJuXiangGuan/1017241.html', quote: '全市共有家庭户 1635898户,集体户57269户,家庭户人口为4333913人,集体户人口为333221人' },
    {
      figure: 'urbanShare', title: '郴州市2021年国民经济和社会发展统计公报 (reproduced on the same page)', url: 'http://m.gxscse.com/ShuJuXiangGuan/1017241.html',
      quote: '全市城镇化率59.04%,比上年提高0.86个百分点', note: '58.18% is the 2020 year-end rate implied by this wording (59.04 − 0.86); it matches issue 14.',
    },
  ],
  notes: [
    'ages, sexRatio: the Chenzhou bulletin was not found in the stored pages; the Hunan release found gives only province-wide sex and age figures; left null.',
  ],
};

const HEILONGJIANG_BULLETIN = '黑龙江省第七次全国人口普查公报';
const HEILONGJIANG_PAGE = 'https://maigoo.com/news/684149.html';

const HEILONGJIANG: CensusArea = {
  code: '23', name: '黑龙江省',
  residents: 31_850_088, residents2010: 38_313_991,
  urbanShare: 65.61, urbanShareBasis: 'census-day',
  ages: { under15: 10.32, from15to59: 66.46, over60: 23.22, over65: 15.61 },
  sexRatio: 100.35,
  sources: [
    { figure: 'residents', title: HEILONGJIANG_BULLETIN, url: HEILONGJIANG_PAGE, quote: '黑龙江省人口为31850088人' },
    { figure: 'residents2010', title: HEILONGJIANG_BULLETIN, url: HEILONGJIANG_PAGE, quote: '与2010年第六次全国人口普查的38313991人相比,减少6463903人' },
    { figure: 'urbanShare', title: HEILONGJIANG_BULLETIN, url: HEILONGJIANG_PAGE, quote: '城镇人口20897694人,乡村人口10952394人,占65.61%' },
    {
      figure: 'ages', title: HEILONGJIANG_BULLETIN, url: HEILONGJIANG_PAGE,
      quote: '0-14岁人口3286466人,占10.32%;15-59岁人口21167932人,占66.46%;60岁及以上人口7395690人,占23.22%,其中65岁及以上人口4972868人,占15.61%',
    },
    {
      figure: 'sexRatio', title: HEILONGJIANG_BULLETIN, url: HEILONGJIANG_PAGE,
      quote: '性别比(以女性为100,男性对女性的比例)由2010年第六次全国人口普查的102.85降为100.35',
    },
  ],
  notes: [
    'Read on a third-party page quoting the bulletin (据《黑龙江省第七次全国人口普查公报》), not on the statistics bureau\'s site.',
    'households: no family/collective split was found in the stored pages; left out.',
  ],
};

const HARBIN: CensusArea = {
  code: '2301', name: '哈尔滨市',
  residents: 10_009_854, residents2010: 10_635_971,
  urbanShare: null, urbanShareBasis: null,
  ages: null, sexRatio: null,
  sources: [
    { figure: 'residents', title: '2020年七普各城市常住人口 (table reproducing the bulletins)', url: 'https://maigoo.com/news/624192.html', quote: '哈尔滨市 | 2020年七普总人口(人) 10009854', note: 'A table row on a third-party page, not the bulletin text.' },
    { figure: 'residents2010', title: '哈尔滨市2010年第六次全国人口普查主要数据公报', url: 'http://xjdkctz.com/news/shuju/648066.html', quote: '全市总人口(即常住人口)为10635971人' },
  ],
  notes: [
    'urbanShare, ages, sexRatio: one page prints 70.61%, 10.46/67.56/21.98/14.65 and 100.09, but with its year digits stripped, so which census they describe cannot be read; left null.',
    'households: the stored copy of the bulletin breaks off before its numbers; left out.',
  ],
};

const HENAN_RELEASE = '河南省第七次全国人口普查主要数据 (省政府新闻办发布会, 2021-05-14)';

const HENAN: CensusArea = {
  code: '41', name: '河南省',
  residents: 99_365_519,
  urbanShare: 55.43, urbanShareBasis: 'census-day',
  familyHouseholds: 31_783_000, familyPersons: 90_744_000, collectiveHouseholds: 1_442_000, collectivePersons: 8_621_000,
  ages: { under15: 23.14, from15to59: 58.78, over60: 18.08, over65: 13.49 },
  sexRatio: 100.6,
  sources: [
    { figure: 'residents', title: '河南省第七次全国人口普查公报', url: null, quote: '99,365,519', note: `${ISSUE}; the release below prints 9936.6万人` },
    {
      figure: 'urbanShare', title: '2020年河南省常住人口数量、人口结构及流动人口分析 (citing 河南省统计局)', url: 'http://jinrilexiang.com/industry/202112/988144.html',
      quote: '居住在城镇的人口为5507.86万人,占55.43%;居住在乡村的人口为4428.7万人,占44.57%', note: 'The rise of 16.91 points since 2010 printed there is also in 河南商报 (http://www.0571bike.com/thread-61973-1-1.html).',
    },
    {
      figure: 'households', title: HENAN_RELEASE, url: 'https://henan.china.com/news/hot/2021/0514/2530177434.html',
      quote: '全省共有家庭户3178.3万户,家庭户人口为9074.4万人;集体户144.2万户,集体户人口为862.1万人', note: 'Printed in 万 (10,000s), so rounded.',
    },
    {
      figure: 'ages', title: HENAN_RELEASE, url: 'https://henan.china.com/news/hot/2021/0514/2530177554.html',
      quote: '0—14岁人口为2298.9万人,占23.14%;15—59岁人口为5841.3万人,占58.78%;60岁及以上人口为1796.4万人,占18.08%(其中,65岁及以上人口为1340.2万人,占13.49%)',
    },
    {
      figure: 'sexRatio', title: HENAN_RELEASE, url: 'https://henan.china.com/news/hot/2021/0514/2530177554.html',
      quote: '常住人口性别比(以女性为100,男性对女性的比例)为100.60,比2010年的102.06降低了1.46',
    },
  ],
  notes: [
    'ages, sexRatio, households: read in reports of the press conference that released the bulletin (source: 河南省人民政府网), not in the bulletin text itself.',
  ],
};

/** The calibration areas: the four prefectures the synthetic city is modelled on and the two provinces around them. */
export const CENSUS_2020: readonly CensusArea[] = [ZHENGZHOU, WENZHOU, CHENZHOU, HARBIN, HEILONGJIANG, HENAN];

/** Mean persons per family household (平均每个家庭户的人口), or `null` without the household split. */
export const meanFamilyHouseholdSize = (area: CensusArea): number | null =>
  area.familyPersons !== undefined && area.familyHouseholds ? area.familyPersons / area.familyHouseholds : null;

/** Share (0–1) of residents living in family rather than collective households, or `null` without the split. */
export const familyShareOfPersons = (area: CensusArea): number | null =>
  area.familyPersons !== undefined && area.collectivePersons !== undefined
    ? area.familyPersons / (area.familyPersons + area.collectivePersons)
    : null;
