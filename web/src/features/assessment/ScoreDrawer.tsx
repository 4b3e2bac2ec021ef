import { Card, Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { ADJUSTMENT_KIND_LABELS } from '@innocity/shared/assessment/inputs';
import { MEASURE_LABELS } from '@innocity/shared/assessment/scheme';
import { totalFormula, type ItemScore, type UnitScore } from '@innocity/shared/assessment/score';
import type { WorkingRow } from '@innocity/shared/assessment/measures';

const KIND_LABELS: Record<WorkingRow['kind'], string> = { work_item: '工作事项', indicator: '指标', round: '填报轮次' };
const share = (n: number | null) => (n === null ? '不计分' : `${Math.round(n * 1000) / 10}%`);

function ItemCard({ item }: { item: ItemScore }) {
  return (
    <Card
      size="small"
      title={`${item.name}（权重 ${item.weight} 分）`}
      extra={item.points === null ? <Tag>不适用</Tag> : <strong>{item.points} 分</strong>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        考核内容：{MEASURE_LABELS[item.measure]}
        <br />
        完成度：{item.measureFormula}
        <br />
        计分：{item.ruleFormula}
      </Typography.Paragraph>
      {item.rows.length > 0 ? (
        <Table<WorkingRow>
          size="small"
          rowKey={(r) => `${r.kind}-${r.refId}`}
          pagination={false}
          dataSource={item.rows}
          columns={[
            { title: '类别', dataIndex: 'kind', width: 90, render: (k: WorkingRow['kind']) => KIND_LABELS[k] },
            { title: '名称', dataIndex: 'label' },
            { title: '得分', dataIndex: 'credit', width: 80, render: share },
            { title: '说明', dataIndex: 'note' },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">
          {item.points === null ? '本单位无此项计分内容。' : '计算明细仅本单位、科创委办公室、领导和督查考核人员可见。'}
        </Typography.Text>
      )}
    </Card>
  );
}

/** One unit's score line by line: each item's counted things and rule, the adjustments, and the total. */
export function ScoreDrawer({ score, onClose }: { score: UnitScore | null; onClose: () => void }) {
  return (
    <Drawer open={score !== null} onClose={onClose} size={720} title={score ? `${score.unitName} 考核计算过程` : ''}>
      {score && (
        <div className="page">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="排名">
              {score.rank === null ? (score.unranked ?? '不参与排名') : `${score.category ?? ''}第 ${score.rank} 名`}
            </Descriptions.Item>
            <Descriptions.Item label="基础分">{score.baseFormula}</Descriptions.Item>
            <Descriptions.Item label="总分">{totalFormula(score)}</Descriptions.Item>
            {score.previous && (
              <Descriptions.Item label="上期">{`${score.previous.total ?? '—'} 分，第 ${score.previous.rank ?? '—'} 名`}</Descriptions.Item>
            )}
          </Descriptions>
          {score.items.map((item) => (
            <ItemCard key={item.itemId} item={item} />
          ))}
          <Card size="small" title="加减分">
            {score.adjustments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无加减分" />
            ) : (
              score.adjustments.map((a) => (
                <Typography.Paragraph key={a.id} style={{ marginBottom: 6 }}>
                  <Tag color={a.kind === 'bonus' ? 'green' : 'red'}>{ADJUSTMENT_KIND_LABELS[a.kind]}</Tag>
                  {a.date} {a.reason}（依据：{a.evidence}）：{a.points} 分
                  {a.counted !== a.points && `，受上限限制计 ${a.counted} 分`}
                </Typography.Paragraph>
              ))
            )}
          </Card>
        </div>
      )}
    </Drawer>
  );
}
