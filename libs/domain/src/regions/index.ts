export {
  type CommitteeType,
  type DivisionRegion,
  isUrbanClass,
  isUrbanRuralClass,
  type Region,
  type RegionCode,
  type RegionLevel,
  REGION_LEVELS,
  SIGNIFICANT_DIGITS,
  type TownshipRegion,
  type TownshipType,
  URBAN_RURAL_CLASSES,
  type UrbanRuralClass,
  type VillageRegion,
} from './types';
export {
  ancestorsOf,
  codeAt,
  countyOf,
  isRegionCode,
  isWithin,
  normaliseRegionCode,
  parentOf,
  prefixAt,
  RegionError,
  regionFormatProblem,
  regionLevelOf,
  regionPrefixOf,
  type RegionProblem,
  type RegionProblemCode,
} from './codes';
export { classifyByNames, committeeTypeOf, deriveUrbanRuralClass, townshipTypeOf } from './classification';
export { decodeRegionDataset, REGION_DATASET_FORMAT, type DecodedDataset, type RegionDataset } from './decode';
export { buildRegionCatalog, type RegionCatalog, regionCatalog } from './catalog';
export { classOn, type Reclassification, reclassificationInForce } from './reclassification';
export { type RegionValidationOptions, validateRegionCode } from './validation';
