import { type SettlementPolicy } from '../model';
import { CHENZHOU_2016 } from './chenzhou-2016';
import { HEILONGJIANG_2014 } from './heilongjiang-2014';
import { HENAN_2017 } from './henan-2017';
import { WENZHOU_2016 } from './wenzhou-2016';
import { ZHENGZHOU_2017 } from './zhengzhou-2017';

export { CHENZHOU_2016, HEILONGJIANG_2014, HENAN_2017, WENZHOU_2016, ZHENGZHOU_2017 };

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

/**
 * The five seed documents as data (frozen: a policy's content hash must not drift at run time).
 * A sixth document is one more data file and one more entry here.
 */
export const BUILTIN_POLICIES: readonly SettlementPolicy[] = deepFreeze([ZHENGZHOU_2017, HENAN_2017, CHENZHOU_2016, WENZHOU_2016, HEILONGJIANG_2014]);
