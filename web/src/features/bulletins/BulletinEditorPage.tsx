import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Result,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { Bulletin, BulletinText } from '@innocity/shared/api/bulletins';
import { api, type ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityPlan } from '../plans/plan-choice.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { BlocksEditor } from './BlocksEditor.tsx';
import { BulletinPreview } from './BulletinPreview.tsx';
import { FileButtons } from './FileButtons.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { DateInput } from '../../components/DateInput.tsx';

const textOf = ({
  issuer,
  title,
  recipients,
  blocks,
  signature,
  date,
  cc,
  printer,
}: Bulletin['content']): BulletinText => ({ issuer, title, recipients, blocks, signature, date, cc, printer });

function Fields({ text, onChange }: { text: BulletinText; onChange: (t: BulletinText) => void }) {
  const field = (key: keyof BulletinText, label: string) => (
    <Form.Item label={label}>
      <Input
        aria-label={label}
        value={(text[key] as string | null) ?? ''}
        onChange={(e) => onChange({ ...text, [key]: e.target.value })}
      />
    </Form.Item>
  );
  return (
    <Form layout="vertical">
      {field('issuer', '发文机关标志')}
      {field('title', '标题')}
      {field('recipients', '主送机关')}
      <Form.Item label="正文">
        <BlocksEditor blocks={text.blocks} onChange={(blocks) => onChange({ ...text, blocks })} />
      </Form.Item>
      {field('signature', '署名')}
      <Form.Item label="成文日期">
        <DateInput
          aria-label="成文日期"
          allowClear={false}
          value={dayjs(text.date)}
          onChange={(d) => d && onChange({ ...text, date: d.format('YYYY-MM-DD') })}
        />
      </Form.Item>
      {field('cc', '抄送')}
      {field('printer', '印发机关')}
    </Form>
  );
}

/** A bulletin: the office edits a draft, previews it and publishes it as 第X期; a published one is read and downloaded by everyone. */
export default function BulletinEditorPage() {
  const { bulletinId = '' } = useParams();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const b = useApi(() => api<Bulletin>('GET', `/api/bulletins/${bulletinId}`), [bulletinId]);
  useEntityPlan(b.data?.planId);
  const [text, setText] = useState<BulletinText>();
  const [view, setView] = useState<'edit' | 'preview'>('edit');
  const [problem, setProblem] = useState<string>();
  useEffect(() => setText(b.data ? textOf(b.data.content) : undefined), [b.data]);
  if (b.loading && !b.data) return <PageLoading />;
  if (b.error || !b.data) {
    // Drafts are the office's: anyone else reaching one (an old link) is told why, once, with a way back.
    const office = user?.roles.some((r) => r === 'office' || r === 'admin');
    return (
      <Result
        status={office ? '404' : 'info'}
        title={office ? '找不到这份情况通报' : '这份情况通报尚未印发'}
        subTitle={
          office
            ? '它可能已被删除。请回到情况通报列表查看。'
            : '草稿只有科创委办公室可以查看；印发后会出现在情况通报列表中，届时即可阅读和下载。'
        }
        extra={
          <Button type="primary" onClick={() => navigate('/bulletins')}>
            返回情况通报列表
          </Button>
        }
      />
    );
  }
  const bulletin = b.data;
  const draft = bulletin.status === 'draft' && user?.roles.some((r) => r === 'office' || r === 'admin');
  const dirty = text !== undefined && JSON.stringify(text) !== JSON.stringify(textOf(bulletin.content));

  const call = async (run: () => Promise<void>) => {
    setProblem(undefined);
    try {
      await run();
    } catch (err) {
      const e = err as ApiError;
      setProblem([e.message, ...e.issues.map((i) => `${i.path}：${i.message}`)].join('；'));
    }
  };
  const save = () =>
    call(async () => {
      await api('PUT', `/api/bulletins/${bulletin.id}`, { version: bulletin.version, text });
      message.success('已保存');
      b.reload();
    });
  const publish = () =>
    call(async () => {
      const p = await api<Bulletin>('POST', `/api/bulletins/${bulletin.id}/publish`, { version: bulletin.version });
      message.success(`已印发：${p.issueLabel}`);
      b.reload();
    });
  const remove = () =>
    call(async () => {
      await api('DELETE', `/api/bulletins/${bulletin.id}`);
      navigate('/bulletins');
    });
  const content = { ...bulletin.content, ...(text ?? {}) };

  return (
    <div className="page">
      <Breadcrumb items={[{ title: <Link to="/bulletins">情况通报</Link> }, { title: bulletin.issueLabel }]} />
      <div className="page-head">
        <Space wrap>
          <Typography.Title level={4}>{bulletin.title}</Typography.Title>
          <Tag color={bulletin.status === 'published' ? 'red' : 'default'}>{bulletin.issueLabel}</Tag>
        </Space>
        <Space wrap>
          {draft && (
            <Segmented
              value={view}
              onChange={setView}
              options={[
                { value: 'edit', label: '编辑' },
                { value: 'preview', label: '预览' },
              ]}
            />
          )}
          {draft && (
            <Button disabled={!dirty} onClick={save}>
              保存
            </Button>
          )}
          {draft && (
            <Popconfirm
              title="印发后内容和文件将冻结，不能再修改。确定印发？"
              okText="印发"
              cancelText="取消"
              onConfirm={publish}
              disabled={dirty}
            >
              <Button type="primary" disabled={dirty} title={dirty ? '请先保存修改' : undefined}>
                印发
              </Button>
            </Popconfirm>
          )}
          {draft && (
            <Popconfirm title="删除这份草稿？" okText="删除" cancelText="取消" onConfirm={remove}>
              <Button danger>删除草稿</Button>
            </Popconfirm>
          )}
          <PrintButton />
        </Space>
      </div>
      <Typography.Text type="secondary">
        报告期 {bulletin.roundTitle}，{bulletin.dataVersionLabel}
        {bulletin.status === 'draft' ? '。下载为草稿预览（期号空缺）。' : '。已印发，内容与文件已冻结。'}
      </Typography.Text>
      <FileButtons bulletinId={bulletin.id} />
      {problem && <Alert type="error" showIcon title={problem} />}
      {draft && view === 'edit' && text ? (
        <Card size="small">
          <Fields text={text} onChange={setText} />
        </Card>
      ) : (
        <BulletinPreview content={content} issueNumber={bulletin.issueNumber} />
      )}
    </div>
  );
}
