import {
  ACTIVITY_KINDS,
  type ActivityKind,
  MAX_ACTIVITIES,
  MIN_ACTIVITIES,
  type PremiumRule,
  RELATION_TYPES,
} from '../../api/admin-premium.ts';

/** The editor's state: the count as typed (it may be half-written), the rest as chosen. */
export interface RuleDraft {
  minActivities: string;
  activityKinds: ActivityKind[];
  requiredRelationTypes: number[];
  staffReview: boolean;
}

export interface DraftProblems {
  minActivities: boolean;
  activityKinds: boolean;
}

/** Full-width digits (typed with a Japanese input method) count as digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
}

export function draftOf(rule: PremiumRule): RuleDraft {
  return {
    minActivities: String(rule.minActivities),
    activityKinds: [...rule.activityKinds],
    requiredRelationTypes: [...rule.requiredRelationTypes],
    staffReview: rule.staffReview,
  };
}

export function problemsOf(draft: RuleDraft): DraftProblems {
  const text = asciiDigits(draft.minActivities);
  const count = Number(text);
  return {
    minActivities: !/^\d+$/.test(text) || count < MIN_ACTIVITIES || count > MAX_ACTIVITIES,
    activityKinds: draft.activityKinds.length === 0,
  };
}

/** The rule the API would accept, in one order (so that equal rules compare and cache as equal); null if not valid. */
export function ruleOf(draft: RuleDraft): PremiumRule | null {
  const problems = problemsOf(draft);
  if (problems.minActivities || problems.activityKinds) return null;
  return {
    minActivities: Number(asciiDigits(draft.minActivities)),
    activityKinds: ACTIVITY_KINDS.filter((kind) => draft.activityKinds.includes(kind)),
    requiredRelationTypes: RELATION_TYPES.filter((type) => draft.requiredRelationTypes.includes(type)),
    staffReview: draft.staffReview,
  };
}

export function normalised(rule: PremiumRule): PremiumRule {
  return ruleOf(draftOf(rule)) ?? rule;
}

export type RuleChange = 'minActivities' | 'activityKinds' | 'requiredRelationTypes' | 'staffReview';

/** What differs between the saved rule and the edited one, in the order the form shows it. */
export function changesBetween(saved: PremiumRule, edited: PremiumRule): RuleChange[] {
  const a = normalised(saved);
  const b = normalised(edited);
  const changes: RuleChange[] = [];
  if (a.minActivities !== b.minActivities) changes.push('minActivities');
  if (a.activityKinds.join() !== b.activityKinds.join()) changes.push('activityKinds');
  if (a.requiredRelationTypes.join() !== b.requiredRelationTypes.join()) changes.push('requiredRelationTypes');
  if (a.staffReview !== b.staffReview) changes.push('staffReview');
  return changes;
}
