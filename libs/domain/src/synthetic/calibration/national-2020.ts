import { type AgeShares } from './census-2020';

/**
 * 全国 (national) figures of the seventh census, used only where an area's own bulletin gave none: the
 * generator needs some age structure, sex ratio and household split for every area it builds, and the
 * national one is the least presumptuous stand-in. `huji calibrate` never compares against these: a
 * figure the area's bulletin did not print shows as —.
 */
export const NATIONAL_2020 = {
  ages: { under15: 17.95, from15to59: 63.35, over60: 18.7, over65: 13.5 } satisfies AgeShares,
  sexRatio: 105.07,
  urbanShare: 63.89,
  familyHouseholds: 494_157_423,
  familyPersons: 1_292_809_300,
  collectiveHouseholds: 28_531_842,
  collectivePersons: 118_969_424,
  sources: [
    {
      title: '第七次全国人口普查公报(第五号)——人口年龄构成情况', url: 'http://zyrm.com/xingming/news/3968.html',
      quote: '0—14岁人口为253383938人,占17.95%;15—59岁人口为894376020人,占63.35%;60岁及以上人口为264018766人,占18.70%,其中65岁及以上人口为190635280人,占13.50%',
    },
    {
      title: '第七次全国人口普查公报(第二号)——全国人口情况', url: 'https://a.lx.city/forum.php?goto=lastpost&mod=redirect&tid=618',
      quote: '全国共有家庭户494157423户,集体户28531842户,家庭户人口为1292809300人,集体户人口为118969424人。平均每个家庭户的人口为2.62人',
    },
    { title: '国家统计局 第七次全国人口普查主要数据结果 (2021-05-11)', url: 'http://lvurl.cn/guonei/20210512/051222364.html', quote: '总人口性别比为105.07' },
    {
      title: '第七次全国人口普查公报(第七号)——城乡人口和流动人口情况', url: 'http://gdcenn.cn/a/202105/509119.html',
      quote: '全国人口中,居住在城镇的人口为901991162人,占63.89%',
    },
  ],
} as const;

/**
 * 家庭户规模: the share of family households of 1, 2 … 10+ persons, nationally, in the 2010 census (表1-10
 * 各地区家庭户规模, 全国 row). The generator keeps this shape and tilts it to each area's 2020 mean size.
 */
export const FAMILY_SIZE_SHAPE_2010 = {
  shares: [14.53, 24.37, 26.86, 17.56, 10.03, 4.2, 1.43, 0.56, 0.23, 0.21],
  source: {
    title: '中国2010年人口普查资料 表1-10 各地区家庭户规模',
    url: 'https://files.zkey.cc/cpdrc/%E4%B8%AD%E5%9B%BD2010%E5%B9%B4%E4%BA%BA%E5%8F%A3%E6%99%AE%E6%9F%A5%E8%B5%84%E6%96%99/html/A0110a.htm',
    quote: '全 国 401934196 | 一人户 14.53 | 二人户 24.37 | 三人户 26.86 | 四人户 17.56 | 五人户 10.03 | 六人户 4.20 | 七人户 1.43 | 八人户 0.56 | 九人户 0.23 | 十人及以上户 0.21',
  },
} as const;
