import { issueLine, numberBlocks, type BulletinContent } from '@innocity/shared/api/bulletins';
import { formatDateZh } from '@innocity/shared/format';
import './bulletins.css';

const LIGHT_COLORS: Record<string, string> = { 绿灯: '#2e7d32', 黄灯: '#b26a00', 红灯: '#c62828', 灰灯: '#757575' };

/** The bulletin as a page on screen: 版头, title, numbered body, signature, annex tables and 版记. */
export function BulletinPreview({ content, issueNumber }: { content: BulletinContent; issueNumber: number | null }) {
  const classes = { heading1: 'gw-h1', heading2: 'gw-h2', paragraph: 'gw-p' } as const;
  return (
    <article className="gw-page" aria-label="通报预览">
      {content.demo && <div className="gw-demo">示例数据</div>}
      <div className="gw-issuer">{content.issuer}</div>
      <div className="gw-issue">{issueLine(issueNumber)}</div>
      <h2 className="gw-title">{content.title}</h2>
      <p style={{ margin: 0 }}>{content.recipients}：</p>
      {numberBlocks(content.blocks).map(({ block, label }, i) => (
        <p key={i} className={classes[block.kind]}>
          {label}
          {block.text}
        </p>
      ))}
      {content.annexes.length > 0 && (
        <div className="gw-annex-note">
          附件：
          {content.annexes.map((a, i) => (
            <div key={a.title}>{`${content.annexes.length > 1 ? `${i + 1}. ` : ''}${a.title}`}</div>
          ))}
        </div>
      )}
      <div className="gw-sign">
        <div>{content.signature}</div>
        <div>{formatDateZh(content.date)}</div>
      </div>
      {content.annexes.map((a, i) => (
        <section key={a.title} className="gw-annex">
          <h3>附件{content.annexes.length > 1 ? i + 1 : ''}</h3>
          <div className="gw-title" style={{ margin: '12px 0' }}>
            {a.title}
          </div>
          <div style={{ overflowX: 'auto' }}>
            <table>
              <thead>
                <tr>
                  {a.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {a.rows.map((r, n) => (
                  <tr key={n}>
                    {r.map((cell, k) => (
                      <td key={k} style={{ color: LIGHT_COLORS[cell] }}>
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {a.note && <p style={{ fontSize: '10.5pt' }}>注：{a.note}</p>}
        </section>
      ))}
      <div className="gw-record">
        {content.cc && <div>抄送：{content.cc}。</div>}
        <div>
          <span>{content.printer}</span>
          <span>{formatDateZh(content.date)}印发</span>
        </div>
      </div>
    </article>
  );
}
