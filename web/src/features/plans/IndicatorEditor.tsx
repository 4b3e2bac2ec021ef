import { Divider, Drawer, Typography } from 'antd';
import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import { formatDateZh } from '@innocity/shared/format';
import { targetText } from '../indicators/indicator-format.ts';
import { BaselineForm } from './BaselineForm.tsx';
import { MilestonesForm } from './MilestonesForm.tsx';
import { TargetForm } from './TargetForm.tsx';

/**
 * The office's editor of one indicator: target, baseline and milestones, each saved on its own.
 * Each form is keyed by what it shows, so after a save it starts again from the stored values.
 */
export function IndicatorEditor({
  planId,
  planBaselineYear,
  indicator: i,
  onClose,
  onSaved,
}: {
  planId: string;
  planBaselineYear: number;
  indicator: IndicatorStatus | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const section = (title: string) => (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      {title}
    </Divider>
  );
  return (
    <Drawer
      open={i !== undefined}
      onClose={onClose}
      title={i ? `编辑指标：${i.name}` : '编辑指标'}
      size={560}
      // Never wider than a phone's screen.
      styles={{ wrapper: { maxWidth: '100vw' } }}
      destroyOnHidden
    >
      {i && (
        <div data-testid="indicator-editor">
          <Typography.Paragraph type="secondary">
            现行目标：{targetText(i)}（{formatDateZh(i.target.targetDate)}）
          </Typography.Paragraph>
          {section('目标值')}
          <TargetForm key={JSON.stringify(i.target)} planId={planId} indicator={i} onSaved={onSaved} />
          {section('基期值')}
          <BaselineForm key={JSON.stringify(i.baseline)} planId={planId} indicator={i} onSaved={onSaved} />
          {section('分年度目标')}
          <MilestonesForm
            key={JSON.stringify([i.baseline, i.target, i.milestones])}
            planId={planId}
            planBaselineYear={planBaselineYear}
            indicator={i}
            onSaved={onSaved}
          />
        </div>
      )}
    </Drawer>
  );
}
