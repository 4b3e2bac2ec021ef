import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App } from 'antd';
import type { PlanImportConfirmed } from '@innocity/shared/api/plan-imports';
import type { PlanSummary } from '@innocity/shared/api/plans';
import type { FieldIssue } from '@innocity/shared/errors';
import { ITEM_KINDS, type ItemKind } from '@innocity/shared/importer/proposal-edits';
import { api, ApiError } from '../../api/client.ts';
import type { Selection } from './ProposalEditor.tsx';
import { reviewBody, type ReviewState, type useReview } from './use-review.ts';

/** Where an issue is fixed: the step, and in the first step the pane and item. */
export function placeOf(issue: FieldIssue): { step: number; tab?: string; selection?: Selection } {
  const [root, kind, index] = issue.path.split('.');
  if (root === 'units') return { step: 1 };
  if (root === 'settings') return { step: 2 };
  if (kind === 'plan') return { step: 0, tab: 'plan' };
  if (ITEM_KINDS.includes(kind as ItemKind)) {
    const i = Number(index);
    return { step: 0, tab: kind, selection: Number.isInteger(i) ? { kind: kind as ItemKind, index: i } : undefined };
  }
  return { step: 0 };
}

const issuesOf = (err: unknown): FieldIssue[] => (err instanceof ApiError ? err.issues : []);

interface Navigation {
  setStep(step: number): void;
  setTab(tab: string): void;
  select(selection: Selection): void;
}

/** Saving, moving between steps, going to an issue's field, and the confirmation that puts the plan in force. */
export function useReviewActions(
  draftId: string,
  state: ReviewState,
  dispatch: ReturnType<typeof useReview>['dispatch'],
  nav: Navigation,
  plans: PlanSummary[] = [],
) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  // The new plan of a county that already has one: 沿用上一轮方案 is offered before the plan opens.
  const [carryTarget, setCarryTarget] = useState<string>();
  const finish = (planId: string) => {
    setCarryTarget(undefined);
    navigate(`/plans/${planId}`);
  };
  const refused = (err: unknown) => {
    dispatch({ type: 'issues', issues: issuesOf(err) });
    message.error((err as Error).message);
  };

  const save = async (quiet = false) => {
    try {
      await api('PUT', `/api/plan-imports/${draftId}`, reviewBody(state));
      dispatch({ type: 'saved' });
      if (!quiet) message.success('核对进度已保存');
    } catch (err) {
      refused(err);
    }
  };
  // Moving on saves what was changed, so that the review resumes where it was left.
  const go = (step: number) => {
    if (state.dirty) void save(true);
    nav.setStep(step);
  };
  const goTo = (issue: FieldIssue) => {
    const place = placeOf(issue);
    nav.setStep(place.step);
    if (place.tab) nav.setTab(place.tab);
    if (place.selection) nav.select(place.selection);
  };
  const putInForce = async () => {
    setBusy(true);
    try {
      const done = await api<PlanImportConfirmed>('POST', `/api/plan-imports/${draftId}/confirm`, reviewBody(state));
      message.success('方案已生效');
      const created = await api<PlanSummary>('GET', `/api/plans/${done.planId}`).catch(() => undefined);
      const earlier = plans.some((p) => p.regionId === created?.regionId && p.status !== 'withdrawn');
      if (created && earlier) setCarryTarget(done.planId);
      else navigate(`/plans/${done.planId}`);
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = () =>
    modal.confirm({
      title: '确认方案生效？',
      content: `将建立方案《${state.proposal.plan.title ?? ''}》（编码 ${state.settings.code}），状态为“实施中”，并新建所需单位。生效后不能撤销。`,
      okText: '确认生效',
      cancelText: '再看看',
      onOk: putInForce,
    });
  return { busy, save, go, goTo, confirm, carryTarget, finish };
}
