import { type FollowerApplication } from './application';
import { type FollowerDecision, type FollowerRefusalCode } from './decision';
import { type ChildCriterion, type FollowerRule } from './model';

type Fact = 'minor' | 'married' | 'hasIncome';
const FACTS: readonly Fact[] = ['minor', 'married', 'hasIncome'];

/** Does the child match the criterion: yes, no, or unknown (a fact it asks for was not given)? */
const matchOf = (criterion: ChildCriterion, f: FollowerApplication): { readonly matches: boolean; readonly unknown: readonly Fact[] } => {
  const asked = FACTS.filter((k) => criterion[k] !== undefined);
  const unknown = asked.filter((k) => f[k] === undefined);
  const contradicted = asked.some((k) => f[k] !== undefined && f[k] !== criterion[k]);
  return { matches: !contradicted && unknown.length === 0, unknown: contradicted ? [] : unknown };
};

const describeCriterion = (c: ChildCriterion): string => {
  const words = [c.minor === true ? 'minor' : c.minor === false ? 'adult' : '', c.married === false ? 'unmarried' : c.married === true ? 'married' : '', c.hasIncome === false ? 'without income of their own' : c.hasIncome === true ? 'with an income' : ''].filter(Boolean);
  return words.length === 0 ? 'any child' : `${words.join(' ')} children`;
};

/** In words, which children the rule lets follow (e.g. "minor children, or unmarried children without income of their own"). */
export const childrenAdmitted = (rule: FollowerRule): string => (rule.children.length === 0 ? 'no children' : rule.children.map(describeCriterion).join(', or '));

/** In words, what the registry knows of the follower (age from its own records; the rest as declared). */
const describeFacts = (f: FollowerApplication): string => [
  f.age !== undefined ? `aged ${f.age}` : '', f.minor === undefined ? 'minority unknown' : f.minor ? 'a minor' : 'an adult',
  f.married === undefined ? 'marriage not declared' : f.married ? 'married' : 'unmarried',
  f.hasIncome === undefined ? 'income not declared' : f.hasIncome ? 'with an income' : 'without income of their own',
].filter(Boolean).join(', ');

interface Verdict {
  readonly reason?: FollowerRefusalCode;
  readonly detail?: string;
}

const childVerdict = (rule: FollowerRule, f: FollowerApplication): Verdict => {
  if (rule.children.length === 0) return { reason: 'SETTLEMENT.FOLLOWER_RELATION_NOT_COVERED', detail: 'the rule lets no children follow' };
  const matches = rule.children.map((c) => matchOf(c, f));
  if (matches.some((m) => m.matches)) return {};
  const missing = [...new Set(matches.flatMap((m) => m.unknown))];
  const admits = childrenAdmitted(rule);
  return missing.length > 0
    ? { reason: 'SETTLEMENT.FOLLOWER_FACT_UNKNOWN', detail: `the clause admits ${admits}; declare ${missing.join(' and ')} (with evidence) — ${describeFacts(f)}` }
    : { reason: 'SETTLEMENT.FOLLOWER_CHILD_NOT_COVERED', detail: `the clause admits ${admits}; this child is ${describeFacts(f)}` };
};

const verdict = (rule: FollowerRule, f: FollowerApplication): Verdict => {
  if (!f.consents) return { reason: 'SETTLEMENT.FOLLOWER_NOT_CONSENTING', detail: 'no consent is recorded (for a minor: the guardian\'s): nobody is settled without it (被落户)' };
  switch (f.relation) {
    case 'spouse':
      if (!rule.spouse) return { reason: 'SETTLEMENT.FOLLOWER_RELATION_NOT_COVERED', detail: 'the rule lets no spouse follow' };
      break;
    case 'parent':
      if (!rule.parents) return { reason: 'SETTLEMENT.FOLLOWER_RELATION_NOT_COVERED', detail: 'the rule lets no parents follow' };
      break;
    case 'child': {
      const v = childVerdict(rule, f);
      if (v.reason) return v;
      break;
    }
    default: {
      const _exhaustive: never = f.relation;
      return _exhaustive;
    }
  }
  if (rule.coResidingRequired && !f.coResiding) return { reason: 'SETTLEMENT.FOLLOWER_NOT_CO_RESIDING', detail: 'the clause admits family members who live with the applicant (共同居住生活的)' };
  return {};
};

/**
 * 随迁: decides, for each family member, whether they follow the admitted applicant under the rule — on
 * the member's own facts, never on the applicant's conditions. Unknown facts never qualify a child: a
 * child whose needed facts are missing is refused `FOLLOWER_FACT_UNKNOWN`, naming them.
 */
export const decideFollowers = (rule: FollowerRule, followers: readonly FollowerApplication[]): FollowerDecision[] =>
  followers.map((f) => {
    const v = verdict(rule, f);
    return v.reason === undefined
      ? { personRef: f.personRef, relation: f.relation, admitted: true }
      : { personRef: f.personRef, relation: f.relation, admitted: false, reason: v.reason, ...(v.detail ? { detail: v.detail } : {}) };
  });
