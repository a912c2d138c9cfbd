import { allowedPattern, forbiddenCharacter, forbiddenCharacterMessage } from '../../../../events/characters';
import { type HeaderSpec } from '../http/operation';
import { ApiError, type FieldProblem } from '../http/problem';

/**
 * 查询目的: why a caller reads personal data, stated with every read (header `Huji-Purpose`) and recorded with
 * it. One line of 2 to 200 characters under the registry's character rule (events/characters.ts).
 */
export const PURPOSE_HEADER = 'Huji-Purpose';
const NAME = PURPOSE_HEADER.toLowerCase();
const MIN = 2;
const MAX = 200;
const PATH = `headers.${NAME}`;

/** RFC 8187's form for text a header cannot carry as is: `UTF-8''` then the percent-encoded UTF-8 bytes. */
const EXT_VALUE = /^utf-8''/i;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text a header value carries: Node reads header bytes as Latin-1, so raw UTF-8 (curl `-H 'Huji-Purpose:
 * 户籍核查'`) is decoded back; `UTF-8''%E6%88%B7…` (what a browser's fetch must send) is percent-decoded.
 * Undefined when the bytes are not UTF-8.
 */
export const headerText = (raw: string): string | undefined => {
  try {
    if (EXT_VALUE.test(raw)) return decodeURIComponent(raw.slice(7));
    // eslint-disable-next-line no-control-regex -- a character above U+00FF did not come off the wire: it is text already
    return /[^\u0000-\u00ff]/.test(raw) ? raw : UTF8.decode(Buffer.from(raw, 'latin1'));
  } catch {
    return undefined;
  }
};

const problem = (code: 'PURPOSE.REQUIRED' | 'PURPOSE.INVALID', message: string): FieldProblem[] => [{ code, message: `${PURPOSE_HEADER} ${message}`, path: PATH }];

/** What is wrong with a purpose header's value (one problem at most; empty when it is good). */
export const purposeProblems = (value: string | string[] | undefined): FieldProblem[] => {
  if (value === undefined) return problem('PURPOSE.REQUIRED', 'is required: say why you read this personal data (it is recorded with the read)');
  if (Array.isArray(value)) return problem('PURPOSE.INVALID', 'must be sent once');
  const text = headerText(value);
  if (text === undefined) return problem('PURPOSE.INVALID', 'is neither UTF-8 text nor UTF-8\'\' followed by percent-encoded UTF-8');
  if (text.trim() === '') return problem('PURPOSE.REQUIRED', 'must not be blank: say why you read this personal data');
  const forbidden = forbiddenCharacter(text, 'single-line');
  if (forbidden) return problem('PURPOSE.INVALID', forbiddenCharacterMessage(forbidden, 'single-line'));
  const length = [...text.trim()].length;
  return length < MIN || length > MAX ? problem('PURPOSE.INVALID', `must have ${MIN} to ${MAX} characters (has ${length})`) : [];
};

type Request = { readonly headers: Record<string, string | string[] | undefined> };

/** The request's purpose (header Huji-Purpose), or a 400 ApiError listing the problem. */
export const purposeOf = (request: Request): string => {
  const value = request.headers[NAME];
  const problems = purposeProblems(value);
  if (problems.length > 0) throw new ApiError(400, problems[0]!.code, problems.map((p) => p.message).join('; '), problems);
  return headerText(value as string)!.trim();
};

/** The header as routes declare it: the guard checks it with the other inputs, OpenAPI documents it as required. */
export const PURPOSE: Readonly<Record<string, HeaderSpec>> = {
  [PURPOSE_HEADER]: {
    required: true,
    description: `查询目的: why this personal data is read, recorded with the read (who, when, what, why). One line, ${MIN} to ${MAX} characters; non-ASCII as UTF-8, or as UTF-8'' followed by percent-encoded UTF-8 (RFC 8187). Missing or blank → 400 PURPOSE.REQUIRED, bad → 400 PURPOSE.INVALID`,
    json: { type: 'string', minLength: MIN, maxLength: MAX, pattern: allowedPattern('single-line') },
    problems: purposeProblems,
  },
};
