import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Breadcrumb, Button, Col, Drawer, Grid, Row, Space, Steps, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import type { PlanImportDraft } from '@innocity/shared/api/plan-imports';
import type { PlanSummary, UnitNode } from '@innocity/shared/api/plans';
import { proposalUnitNames } from '@innocity/shared/importer/proposal-edits';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { preselectMapping } from '@innocity/shared/importer/unit-suggestions';
import { ConfirmStep } from './ConfirmStep.tsx';
import { ProposalEditor, type Selection } from './ProposalEditor.tsx';
import { SourcePanel } from './SourcePanel.tsx';
import { UnitMappingStep } from './UnitMappingStep.tsx';
import { useReview } from './use-review.ts';
import { useReviewActions } from './use-review-actions.ts';
import { useSuggestions } from './use-suggestions.ts';
import './importer.css';

// Only an office confirming a county's next plan opens it.
const CarryOverDialog = lazy(() => import('../plans/CarryOverDialog.tsx'));

const STEPS = [{ title: '核对内容' }, { title: '对应单位' }, { title: '确认并生效' }];

/** The source span of what is selected: an item's, or a warning's. */
function highlightOf(p: PlanProposal, s: Selection) {
  if (!s) return null;
  if (s.kind === 'warnings') return p.warnings[s.index]?.source ?? null;
  if (s.kind === 'unread') return p.unreadNumbers?.[s.index]?.source ?? null;
  return p[s.kind][s.index]?.source ?? null;
}

function flatNames(nodes: UnitNode[]): string[] {
  return nodes.flatMap((n) => [n.name, ...flatNames(n.children)]);
}

/** The review: the proposal beside its source, then the unit mapping, then confirmation. */
export function ReviewScreen({
  draft,
  tree,
  plans,
}: {
  draft: PlanImportDraft;
  tree: UnitNode[];
  plans: PlanSummary[];
}) {
  const wide = Grid.useBreakpoint().lg ?? true;
  const { state, dispatch, edit } = useReview(draft);
  const [step, setStep] = useState(0);
  const [tab, setTab] = useState('tasks');
  const [selection, setSelection] = useState<Selection>(null);
  const [sourceOpen, setSourceOpen] = useState(false);
  const [revealKey, setRevealKey] = useState(0);
  const names = useMemo(() => proposalUnitNames(state.proposal), [state.proposal]);
  const suggestions = useSuggestions(draft.id, names);
  const unitNames = useMemo(() => [...new Set([...names, ...flatNames(tree)])], [names, tree]);
  // On a phone the source opens in a drawer below the list.
  const select = (s: Selection) => {
    setSelection(s);
    if (!wide && s) setSourceOpen(true);
  };
  const actions = useReviewActions(draft.id, state, dispatch, { setStep, setTab, select }, plans);

  useEffect(() => {
    dispatch({
      type: 'preselect',
      mappings: names.flatMap((n) => (suggestions[n] ? [preselectMapping(suggestions[n])] : [])),
    });
  }, [dispatch, names, suggestions]);

  const p = state.proposal;
  const source = (
    <SourcePanel
      text={draft.sourceText}
      fileName={draft.fileName}
      highlight={highlightOf(p, selection)}
      warnings={p.warnings.map((w) => w.source)}
      revealKey={revealKey}
    />
  );
  return (
    <div className="page import-review">
      <Breadcrumb items={[{ title: <Link to="/plan-imports">方案导入</Link> }, { title: draft.fileName }]} />
      <div className="import-review-head">
        <Typography.Title level={4} className="import-review-title">
          {p.plan.title ?? '未识别出标题的方案'}
          {state.dirty && <Tag className="import-dirty">有未保存的修改</Tag>}
        </Typography.Title>
        <Space wrap>
          <Button icon={<SaveOutlined />} disabled={!state.dirty} onClick={() => actions.save()}>
            保存草稿
          </Button>
          {step > 0 && <Button onClick={() => actions.go(step - 1)}>上一步</Button>}
          {step < 2 && (
            <Button type="primary" onClick={() => actions.go(step + 1)}>
              下一步
            </Button>
          )}
        </Space>
      </div>
      <Steps current={step} onChange={actions.go} size="small" className="import-steps" items={STEPS} />
      {step === 0 && (
        <Row gutter={16}>
          <Col xs={24} lg={13}>
            <ProposalEditor
              proposal={p}
              sourceText={draft.sourceText}
              tab={tab}
              selection={selection}
              issues={state.issues}
              unitNames={unitNames}
              onTab={setTab}
              onSelect={select}
              onEdit={edit}
            />
          </Col>
          {wide && (
            <Col lg={11} className="source-col">
              {source}
            </Col>
          )}
        </Row>
      )}
      {step === 1 && (
        <UnitMappingStep
          proposal={p}
          mapping={state.mapping}
          suggestions={suggestions}
          tree={tree}
          issues={state.issues}
          onMap={(m) => dispatch({ type: 'map', mapping: m })}
        />
      )}
      {step === 2 && (
        <ConfirmStep
          proposal={p}
          settings={state.settings}
          mapping={state.mapping}
          plans={plans}
          issues={state.issues}
          busy={actions.busy}
          onSettings={(s) => dispatch({ type: 'settings', settings: s })}
          onConfirm={actions.confirm}
          onIssue={actions.goTo}
        />
      )}
      {actions.carryTarget && (
        <Suspense fallback={null}>
          <CarryOverDialog
            planId={actions.carryTarget}
            skipText="跳过，不沿用"
            onClose={() => actions.finish(actions.carryTarget!)}
          />
        </Suspense>
      )}
      {!wide && (
        <Drawer
          open={sourceOpen}
          onClose={() => setSourceOpen(false)}
          placement="bottom"
          size="72%"
          title={null}
          className="source-drawer"
          afterOpenChange={(open) => open && setRevealKey((k) => k + 1)}
        >
          {source}
        </Drawer>
      )}
    </div>
  );
}
