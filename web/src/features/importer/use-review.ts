import { useCallback, useReducer } from 'react';
import type { ImportSettings, PlanImportDraft, UnitMapping } from '@innocity/shared/api/plan-imports';
import type { FieldIssue } from '@innocity/shared/errors';
import type { ItemKind } from '@innocity/shared/importer/proposal-edits';
import { proposalUnitNames } from '@innocity/shared/importer/proposal-edits';
import type { PlanProposal } from '@innocity/shared/importer/proposal';

/** What the office has changed so far: the proposal, the settings, the unit mapping; and the server's last complaints. */
export interface ReviewState {
  proposal: PlanProposal;
  settings: ImportSettings;
  mapping: Record<string, UnitMapping>;
  issues: FieldIssue[];
  dirty: boolean;
}

type Action =
  | { type: 'edit'; proposal: PlanProposal; kind: ItemKind | 'plan'; index?: number }
  | { type: 'settings'; settings: Partial<ImportSettings> }
  | { type: 'map'; mapping: UnitMapping }
  | { type: 'preselect'; mappings: UnitMapping[] }
  | { type: 'issues'; issues: FieldIssue[] }
  | { type: 'saved' };

/** Issues at a path or below it (proposal.tasks.3 covers proposal.tasks.3.leadUnit). */
export function issuesAt(issues: FieldIssue[], prefix: string): FieldIssue[] {
  return issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));
}

/** An edited item's issues are answered; a renumbering edit makes the kind's other paths stale too. */
function clearedIssues(issues: FieldIssue[], kind: ItemKind | 'plan', index?: number): FieldIssue[] {
  const prefix =
    kind === 'plan' ? 'proposal.plan' : index === undefined ? `proposal.${kind}` : `proposal.${kind}.${index}`;
  return issues.filter((i) => !(i.path === prefix || i.path.startsWith(`${prefix}.`)));
}

function reduce(state: ReviewState, action: Action): ReviewState {
  switch (action.type) {
    case 'edit':
      return {
        ...state,
        proposal: action.proposal,
        issues: clearedIssues(state.issues, action.kind, action.index),
        dirty: true,
      };
    case 'settings':
      return {
        ...state,
        settings: { ...state.settings, ...action.settings },
        issues: state.issues.filter((i) => !i.path.startsWith('settings')),
        dirty: true,
      };
    case 'map': {
      const mapping = { ...state.mapping, [action.mapping.name]: action.mapping };
      return { ...state, mapping, issues: state.issues.filter((i) => !i.path.startsWith('units')), dirty: true };
    }
    case 'preselect': {
      const fresh = action.mappings.filter((m) => !state.mapping[m.name]);
      if (fresh.length === 0) return state;
      return { ...state, mapping: { ...state.mapping, ...Object.fromEntries(fresh.map((m) => [m.name, m])) } };
    }
    case 'issues':
      return { ...state, issues: action.issues };
    case 'saved':
      return { ...state, dirty: false };
  }
}

function initial(draft: PlanImportDraft): ReviewState {
  return {
    proposal: draft.proposal,
    settings: draft.review?.settings ?? draft.defaults,
    mapping: Object.fromEntries((draft.review?.units ?? []).map((m) => [m.name, m])),
    issues: [],
    dirty: false,
  };
}

/** The review's state and its actions. */
export function useReview(draft: PlanImportDraft) {
  const [state, dispatch] = useReducer(reduce, draft, initial);
  const edit = useCallback(
    (proposal: PlanProposal, kind: ItemKind | 'plan', index?: number) =>
      dispatch({ type: 'edit', proposal, kind, index }),
    [],
  );
  return { state, dispatch, edit };
}

/** The body the server takes to save or confirm: only mappings of names the tasks still use. */
export function reviewBody(state: ReviewState) {
  const names = proposalUnitNames(state.proposal);
  return {
    proposal: state.proposal,
    settings: state.settings,
    units: names.map((n) => state.mapping[n]).filter((m): m is UnitMapping => m !== undefined),
  };
}
