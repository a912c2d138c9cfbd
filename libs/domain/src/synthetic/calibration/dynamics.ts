/**
 * 人口流动假设: how each group's census-day residents came to live where they do. The census gives where
 * people live; how many of them hold their hukou elsewhere, came since 2010, or live in another unit of
 * their own county is the model's assumption — chosen to show the reforms' central fact (人户分离: a
 * provincial capital full of people registered in the villages around it; a shrinking north-east), not
 * read from a bulletin. Shares are of the group's family-household residents, except `awayCollective`.
 */
export interface GroupDynamics {
  /** 持居住证: live here, hukou elsewhere (a residence permit at the dwelling, renewed yearly). */
  readonly permit: number;
  /** 落户: came since 2010 on a permit and settled under the documents' rules before census day. */
  readonly settled: number;
  /** 实际居住登记: hukou in a village of the same county, living in this (urban) unit. */
  readonly actual: number;
  /** Share of the collective-household residents (dormitories, campuses) registered elsewhere. */
  readonly awayCollective: number;
  /** Where the incomers' hukou is, by group name (weights). */
  readonly origins: Readonly<Record<string, number>>;
  /** Deaths per 1,000 residents a year, 2010–2020 (the registry's deaths before census day). */
  readonly deathRate: number;
}

const d = (permit: number, settled: number, actual: number, awayCollective: number, deathRate: number, origins: Record<string, number>): GroupDynamics =>
  ({ permit, settled, actual, awayCollective, origins, deathRate });

/** By group name (see `groupTargets`); a group not listed gets `LOCAL`. */
export const DYNAMICS: Readonly<Record<string, GroupDynamics>> = {
  // Zhengzhou grew by 4M in ten years, mostly people registered in the rest of Henan (河南省内流动 19.9M).
  zhengzhou: d(0.24, 0.14, 0.04, 0.65, 5.5, { henan: 0.8, zhengzhou: 0.1, chenzhou: 0.03, harbin: 0.03, heilongjiang: 0.04 }),
  // Wenzhou draws workers from other provinces; in this registry those are Henan, Hunan (Chenzhou) and the north-east.
  wenzhou: d(0.26, 0.03, 0.05, 0.75, 5.5, { wenzhou: 0.3, henan: 0.35, chenzhou: 0.2, heilongjiang: 0.1, harbin: 0.05 }),
  chenzhou: d(0.07, 0.04, 0.06, 0.5, 7, { chenzhou: 0.85, henan: 0.15 }),
  harbin: d(0.1, 0.06, 0.04, 0.5, 7, { heilongjiang: 0.85, harbin: 0.15 }),
  // Heilongjiang lost 6.5M residents since 2010: few come, its own people leave (the outflow shows in the other groups' origins).
  heilongjiang: d(0.03, 0.02, 0.05, 0.3, 7.5, { heilongjiang: 0.7, harbin: 0.3 }),
  henan: d(0.04, 0.03, 0.08, 0.3, 7, { henan: 0.9, zhengzhou: 0.1 }),
};

export const LOCAL: GroupDynamics = d(0.02, 0.01, 0.03, 0.2, 7, {});
