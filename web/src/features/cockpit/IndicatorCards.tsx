import { Link } from 'react-router';
import { Card, Tag, Typography } from 'antd';
import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import { LightDot } from '../indicators/LightDot.tsx';
import {
  dataPeriodLabel,
  formatValue,
  LIGHT_COLORS,
  LIGHT_TAG,
  targetWithYear,
} from '../indicators/indicator-format.ts';
import { Sparkline } from './Sparkline.tsx';
import type { IndicatorGroup } from './GoalLights.tsx';

/** Each indicator with its light, value, target, status and trend; the whole card opens its detail. */
export function IndicatorCards({
  groups,
  planId,
  asOfQuery,
}: {
  groups: IndicatorGroup[];
  planId: string;
  asOfQuery: string;
}) {
  return (
    <>
      {groups.map((g) => (
        <Card key={g.key} id={`group-${g.key}`} title={g.title} size="small" className="cockpit-card">
          <div className="indicator-cards">
            {g.items.map((i) => (
              <IndicatorCard key={i.id} indicator={i} to={`/plans/${planId}/indicators/${i.id}${asOfQuery}`} />
            ))}
          </div>
        </Card>
      ))}
    </>
  );
}

function IndicatorCard({ indicator: i, to }: { indicator: IndicatorStatus; to: string }) {
  return (
    <Link
      to={to}
      className="indicator-card"
      data-testid="cockpit-indicator"
      data-light={i.light}
      aria-label={`${i.name}：${i.statusLabel}`}
    >
      <div className="indicator-card-head">
        <LightDot light={i.light} />
        <Typography.Text strong ellipsis={{ tooltip: i.name }} className="indicator-card-name">
          {i.name}
        </Typography.Text>
      </div>
      <div className="indicator-card-body">
        <div>
          <div className="indicator-card-value">{i.current ? formatValue(i.current.value, i) : '暂无数据'}</div>
          {i.current && <div className="indicator-card-period">{dataPeriodLabel(i.current.period)}</div>}
          <div className="indicator-card-target">{targetWithYear(i)}</div>
        </div>
        <Sparkline series={i.series} color={LIGHT_COLORS[i.light]} />
      </div>
      <Tag color={LIGHT_TAG[i.light]} className="indicator-card-status">
        {i.statusLabel}
      </Tag>
    </Link>
  );
}
