import { Card, List, Space, Tag, Tooltip, Typography } from 'antd';
import type { Area, UnitRef } from '@innocity/shared/api/plans';

const AREA_NUMERALS = '一二三四五六七八九十';

function UnitTag({ unit, lead }: { unit: UnitRef; lead?: boolean }) {
  const tag = (
    <Tag color={lead ? 'red' : unit.kind === 'group' ? 'blue' : 'default'} className="unit-tag">
      {unit.name}
    </Tag>
  );
  if (unit.kind !== 'group') return tag;
  const note = unit.mode === 'designated' ? '由办公室按任务指定，候选：' : '包括：';
  return <Tooltip title={note + unit.members.map((m) => m.name).join('、')}>{tag}</Tooltip>;
}

/** Areas with their numbered tasks: title, full text, lead unit first, then co-units. */
export function TaskList({ areas }: { areas: Area[] }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {areas.map((area) => (
        <Card key={area.id} size="small" title={`（${AREA_NUMERALS[area.number - 1] ?? area.number}）${area.title}`}>
          <List
            itemLayout="vertical"
            dataSource={area.tasks}
            renderItem={(task) => (
              <List.Item key={task.id} className="task-item" data-testid="task">
                <Typography.Text strong>
                  {task.number}. {task.title}
                </Typography.Text>
                <div className="task-units">
                  <span className="task-units-label">牵头单位</span>
                  <UnitTag unit={task.leadUnit} lead />
                  {task.coUnits.length > 0 && <span className="task-units-label">配合单位</span>}
                  {task.coUnits.map((u) => (
                    <UnitTag key={u.id} unit={u} />
                  ))}
                </div>
                <Typography.Paragraph
                  type="secondary"
                  ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
                  style={{ marginBottom: 0 }}
                >
                  {task.text}
                </Typography.Paragraph>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}
