import { settlementCategory } from '../../../../events/policy';
import { type Infer } from '../../../../events/schema';

/**
 * 落户类别: the category an applicant applies under, and the category a settlement is recorded under.
 * - `general` 一般人员 (anyone meeting the ordinary conditions)
 * - `relatives` 直系亲属投靠 / 亲属投靠 (joining direct relatives)
 * - `graduate` 高校毕业生、职业院校毕业生 (graduates of universities and vocational schools)
 * - `technical-worker` 技术工人
 * - `talent` 引进人才 (recruited talent)
 * - `investor` 投资人员
 * - `job-transfer` 工作调动人员
 * - `collective-relocation` 成建制迁移人员 (a whole unit moving)
 * - `veteran` 复转退伍军人 / 退伍转业军人 (demobilised soldiers)
 * - `contributor` 有突出贡献人员 (outstanding contributors)
 * - `returned-overseas-student` 留学归国人员
 * - `rural-student` 农村升学学生 (rural students admitted to university; 来去自由)
 * - `rural-enlistee` 参军进入城镇的农村青年 (rural youth joining the army)
 * - `home-buyer` 购买房屋人员
 * - `migrant-worker` 外来务工人员 / 农业转移人口
 */
export type SettlementCategory = Infer<typeof settlementCategory>;

/** Every 落户类别, in declaration order (the published schema's list). */
export const SETTLEMENT_CATEGORIES = settlementCategory.json.enum as readonly SettlementCategory[];
