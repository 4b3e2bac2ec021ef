import { Button, Input, Select, Space } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { BLOCK_KINDS, BLOCK_KIND_LABELS, numberBlocks, type BulletinBlock } from '@innocity/shared/api/bulletins';

/** The body as a list of blocks: headings are numbered (一、 （一）) when laid out, so moving one renumbers the rest. */
export function BlocksEditor({
  blocks,
  onChange,
}: {
  blocks: BulletinBlock[];
  onChange: (b: BulletinBlock[]) => void;
}) {
  const set = (i: number, b: BulletinBlock) => onChange(blocks.map((x, j) => (j === i ? b : x)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...blocks];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    onChange(next);
  };
  const insert = (i: number) =>
    onChange([...blocks.slice(0, i + 1), { kind: 'paragraph', text: '' }, ...blocks.slice(i + 1)]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {numberBlocks(blocks).map(({ block, label }, i) => (
        <div key={i} className="block-row">
          <Select
            aria-label={`第${i + 1}段类型`}
            value={block.kind}
            options={BLOCK_KINDS.map((k) => ({ value: k, label: BLOCK_KIND_LABELS[k] }))}
            onChange={(kind) => set(i, { ...block, kind })}
          />
          <span className="block-label">{label}</span>
          <Input.TextArea
            aria-label={`第${i + 1}段`}
            autoSize={{ minRows: block.kind === 'paragraph' ? 2 : 1 }}
            value={block.text}
            status={block.text.trim() ? undefined : 'error'}
            onChange={(e) => set(i, { ...block, text: e.target.value })}
          />
          <Space size={0}>
            <Button
              type="text"
              size="small"
              aria-label="上移"
              icon={<ArrowUpOutlined />}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            />
            <Button
              type="text"
              size="small"
              aria-label="下移"
              icon={<ArrowDownOutlined />}
              disabled={i === blocks.length - 1}
              onClick={() => move(i, 1)}
            />
            <Button
              type="text"
              size="small"
              aria-label="在下方插入段落"
              icon={<PlusOutlined />}
              onClick={() => insert(i)}
            />
            <Button
              type="text"
              size="small"
              danger
              aria-label="删除此段"
              icon={<DeleteOutlined />}
              disabled={blocks.length === 1}
              onClick={() => onChange(blocks.filter((_, j) => j !== i))}
            />
          </Space>
        </div>
      ))}
    </Space>
  );
}
