import { Typography } from 'antd';
import type { HelpSection } from '@innocity/shared/help/guides';

/** Headed lists of a guide. */
export function GuideSections({ sections, level = 5 }: { sections: HelpSection[]; level?: 4 | 5 }) {
  return sections.map((s) => (
    <section key={s.heading}>
      <Typography.Title level={level}>{s.heading}</Typography.Title>
      <ol className="guide-list">
        {s.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
    </section>
  ));
}
