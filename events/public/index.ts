/** 公开事件: what leaves the registry for a subscriber without the personal-data grant (the allow-list, its rules, schemas and table). */
export { ALLOW_LIST, type PublicForm, type Shape, type ShapeOf, shapeOf } from './allow-list';
export { redactedData, redactedEffectiveDate } from './redact';
export { CODE_PATTERN, DOCUMENT_NO_PATTERN, MONTH_PATTERN, PSEUDONYM_PATTERN, type Rule, monthOf } from './rules';
export { REDACTION_VERSION, allowListProblems, classificationProblems, redactedJsonSchemaOf, redactedSchemaId } from './schema';
export { leavesOf, personReferenceFields, redactionTable } from './table';
