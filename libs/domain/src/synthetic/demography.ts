/** Yearly probabilities of the life events after census day (approximations for a synthetic city, not statistics). */
export { deathProbability } from './pyramid';

/** Yearly probability that a woman of this age, living with her spouse, gives birth. */
export const birthProbability = (age: number): number => (age >= 20 && age <= 40 ? 0.07 : 0);

/** Yearly probability that a person of working age applies to settle elsewhere (户口迁移). */
export const migrationProbability = (age: number): number => (age >= 18 && age <= 45 ? 0.015 : 0);

/** Yearly probability of taking a residence permit (居住证) for living away from the place of registration. */
export const permitProbability = (age: number): number => (age >= 18 && age <= 60 ? 0.02 : 0);

/** Yearly probability of an actual residence registration (实际居住登记) elsewhere in the county. */
export const actualResidenceProbability = (age: number): number => (age >= 18 ? 0.003 : 0);
