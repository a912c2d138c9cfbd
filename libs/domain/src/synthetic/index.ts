export { type CityOptions, type CitySummary, generateCity } from './city';
export { type SyntheticRecord } from './ledger';
export { type Random, seededRandom } from './random';
