import { useMemo, useState } from 'react';
import { Modal, Radio, Typography } from 'antd';
import type { ProposalTask } from '@innocity/shared/importer/proposal';

/** Where each sentence of a text starts: the places a task can be split. */
export function sentenceStarts(text: string): { at: number; sentence: string }[] {
  const out: { at: number; sentence: string }[] = [];
  let at = 0;
  for (const m of text.matchAll(/[^。；！？\n]+[。；！？]?\n?/g)) {
    if (m[0].trim()) out.push({ at: m.index, sentence: m[0].trim() });
    at = m.index + m[0].length;
  }
  return at > 0 ? out : [];
}

/** Splits a task in two before the sentence the office picks; both halves keep the task's units. */
export function SplitTaskModal({
  task,
  onSplit,
  onClose,
}: {
  task: ProposalTask | null;
  onSplit(at: number): void;
  onClose(): void;
}) {
  const sentences = useMemo(() => (task ? sentenceStarts(task.text) : []), [task]);
  const [at, setAt] = useState<number | null>(null);
  const choices = sentences.slice(1);
  return (
    <Modal
      open={task !== null}
      title={task ? `拆分任务 ${task.number}：${task.title}` : ''}
      okText="拆分"
      cancelText="取消"
      okButtonProps={{ disabled: at === null }}
      onOk={() => at !== null && onSplit(at)}
      onCancel={onClose}
      afterClose={() => setAt(null)}
      width={720}
    >
      {choices.length === 0 ? (
        <Typography.Paragraph type="secondary">这项任务只有一句，无法拆分。</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            选择从哪一句开始拆出新任务（新任务沿用原任务的单位，标题可稍后修改）：
          </Typography.Paragraph>
          <Radio.Group value={at} onChange={(e) => setAt(e.target.value as number)} className="split-choices">
            {choices.map((s) => (
              <Radio key={s.at} value={s.at}>
                {s.sentence}
              </Radio>
            ))}
          </Radio.Group>
        </>
      )}
    </Modal>
  );
}
