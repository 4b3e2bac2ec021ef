import { memo, useEffect, useMemo, useRef } from 'react';
import { Card, Typography } from 'antd';
import type { SourceRef } from '@innocity/shared/importer/proposal';

interface Line {
  text: string;
  start: number;
}

/** One line of the source, with the part of it that falls in the highlighted span marked. */
const SourceLine = memo(function SourceLine(props: {
  number: number;
  text: string;
  from: number;
  to: number;
  warned: boolean;
}) {
  const { number, text, from, to, warned } = props;
  const body =
    from < 0 ? (
      text || '\u00a0'
    ) : (
      <>
        {text.slice(0, from)}
        <mark className="source-mark">{text.slice(from, to) || '\u00a0'}</mark>
        {text.slice(to)}
      </>
    );
  return (
    <div className={warned ? 'source-line source-line-warned' : 'source-line'} data-line={number}>
      <span className="source-number" aria-hidden>
        {number}
      </span>
      <span className="source-text">{body}</span>
    </div>
  );
});

/**
 * The uploaded document's text, line by line, with the selected item's source span highlighted
 * and scrolled into view; lines with warnings are flagged in the margin.
 */
export function SourcePanel(props: {
  text: string;
  fileName: string;
  highlight: SourceRef | null;
  warnings: SourceRef[];
  /** Changes when the panel must scroll again (it became visible in a drawer). */
  revealKey?: number;
}) {
  const { text, fileName, highlight, warnings, revealKey } = props;
  const lines = useMemo<Line[]>(() => {
    let start = 0;
    return text.split('\n').map((t) => {
      const line = { text: t, start };
      start += t.length + 1;
      return line;
    });
  }, [text]);
  const warnedLines = useMemo(() => new Set(warnings.map((w) => w.line)), [warnings]);
  const box = useRef<HTMLDivElement>(null);
  const span = highlight && highlight.end > highlight.start ? highlight : null;

  useEffect(() => {
    const container = box.current;
    if (!container || !highlight) return;
    const target =
      container.querySelector<HTMLElement>('.source-mark') ??
      container.querySelector<HTMLElement>(`[data-line="${highlight.line}"]`);
    if (target)
      container.scrollTo({ top: Math.max(0, target.offsetTop - container.clientHeight / 3), behavior: 'smooth' });
  }, [highlight, revealKey]);

  const where = !highlight
    ? '点击左侧条目，查看它在原文中的位置'
    : span
      ? `第 ${highlight.line} 行`
      : '该条为手动添加，原文中没有对应位置';
  return (
    <Card
      size="small"
      className="source-card"
      title={`原文：${fileName}`}
      extra={<Typography.Text type="secondary">{where}</Typography.Text>}
    >
      <div className="source-panel" ref={box} data-testid="source-panel">
        {lines.map((l, i) => {
          const from = span ? Math.max(span.start, l.start) - l.start : -1;
          const to = span ? Math.min(span.end, l.start + l.text.length) - l.start : -1;
          const inSpan = span !== null && span.start <= l.start + l.text.length && span.end > l.start && to >= from;
          return (
            <SourceLine
              key={i}
              number={i + 1}
              text={l.text}
              from={inSpan ? from : -1}
              to={inSpan ? to : -1}
              warned={warnedLines.has(i + 1)}
            />
          );
        })}
      </div>
    </Card>
  );
}
