import { type Random } from './random';

/**
 * The population's shape: an age pyramid by five-year bands (roughly China's 2010 census, 第六次全国人口普查),
 * household sizes, and yearly probabilities of death and birth. Approximations for a synthetic city, not statistics.
 */
const AGE_BANDS = [5.7, 5.4, 6.0, 7.5, 9.4, 7.5, 7.4, 9.0, 9.5, 8.0, 5.9, 6.2, 4.4, 3.0, 2.4, 1.7, 0.9, 0.5];

/** An age drawn from the pyramid, at least `min`. */
export const drawAge = (random: Random, min = 0): number => {
  for (;;) {
    const band = random.weighted(AGE_BANDS);
    const age = band * 5 + random.int(0, band === AGE_BANDS.length - 1 ? 14 : 4);
    if (age >= min) return age;
  }
};

/** 家庭户规模: 1 to 6 persons. */
export const drawHouseholdSize = (random: Random): number => 1 + random.weighted([14, 24, 27, 18, 10, 7]);

/** Yearly probability of death at an age (a Gompertz curve, about 0.7% a year overall). */
export const deathProbability = (age: number): number => Math.min(0.6, 0.00005 * Math.exp(0.09 * age));

/** Yearly probability that a woman of this age, living with her spouse, gives birth. */
export const birthProbability = (age: number): number => (age >= 20 && age <= 40 ? 0.07 : 0);

/** Yearly probability that a person of working age applies to settle elsewhere (户口迁移). */
export const migrationProbability = (age: number): number => (age >= 18 && age <= 45 ? 0.015 : 0);

/** Yearly probability of taking a residence permit (居住证) for living away from the place of registration. */
export const permitProbability = (age: number): number => (age >= 18 && age <= 60 ? 0.02 : 0);

/** Yearly probability of an actual residence registration (实际居住登记) elsewhere in the county. */
export const actualResidenceProbability = (age: number): number => (age >= 18 ? 0.003 : 0);
