import { type AgeShares } from './calibration/census-2020';

/**
 * The population of 2010 by five-year bands (roughly the sixth census, 第六次全国人口普查): the shape the
 * 2020 pyramid is drawn from, ten years older. An approximation for shape only — the census bands' totals
 * come from the bulletins.
 */
export const AGE_BANDS_2010 = [5.7, 5.4, 6.0, 7.5, 9.4, 7.5, 7.4, 9.0, 9.5, 8.0, 5.9, 6.2, 4.4, 3.0, 2.4, 1.7, 0.9, 0.5];

export const OLDEST = 100;

/** Yearly probability of death at an age (a Gompertz curve, about 0.7% a year overall). */
export const deathProbability = (age: number): number => Math.min(0.6, 0.00005 * Math.exp(0.09 * age));

/** The 2010 shape aged ten years, thinned by ten years of deaths: weight of each age 0…100 on census day. */
const shape = (age: number): number => {
  if (age < 10) return AGE_BANDS_2010[0]! / 5; // born since 2010
  const band = Math.min(AGE_BANDS_2010.length - 1, Math.floor((age - 10) / 5));
  const width = band === AGE_BANDS_2010.length - 1 ? 15 : 5;
  let survival = 1;
  for (let a = age - 10; a < age; a++) survival *= 1 - deathProbability(a);
  return (AGE_BANDS_2010[band]! / width) * survival;
};

/** Census-day age weights 0…100 (summing to 1) whose 0–14, 15–59, 60–64 and 65+ totals are the bulletin's. */
export const agePyramid = (ages: AgeShares): number[] => {
  const bands: readonly [number, number, number][] = [[0, 14, ages.under15], [15, 59, ages.from15to59], [60, 64, ages.over60 - ages.over65], [65, OLDEST, ages.over65]];
  const total = bands.reduce((s, [, , share]) => s + share, 0);
  const weights = new Array<number>(OLDEST + 1).fill(0);
  for (const [lo, hi, share] of bands) {
    let inBand = 0;
    for (let a = lo; a <= hi; a++) inBand += shape(a);
    for (let a = lo; a <= hi; a++) weights[a] = (shape(a) / inBand) * (share / total);
  }
  return weights;
};
