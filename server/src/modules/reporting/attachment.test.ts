import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '@innocity/shared/api/reporting';
import { TEST_DIALECTS } from '../../test/databases.ts';
import type { Client } from '../../test/test-app.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  step,
  submissionOf,
  type ReportingWorld,
} from './reporting-test-kit.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);

/** A multipart/form-data body with one file. */
function multipart(fileName: string, content: Buffer) {
  const boundary = '----innocity-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(TEST_DIALECTS)('evidence attachments on %s', (dialect) => {
  let w: ReportingWorld;
  let s: Submission;
  const upload = (client: Client, name: string, content: Buffer, dutyId?: string) =>
    client.request({
      method: 'POST',
      url: `/api/submissions/${s.id}/attachments${dutyId ? `?dutyId=${dutyId}` : ''}`,
      ...multipart(name, content),
    });

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    await createNdrcWorkItem(w);
    const round = await openQ3(w);
    s = await submissionOf(w.as.ndrcReporter, round.id, await w.unit('市发改委'));
  });
  afterAll(() => w.t.close());

  it('stores a PDF for a duty and lists it with the submission', async () => {
    const progress = s.duties.find((d) => d.kind === 'progress')!;
    const res = await upload(w.as.ndrcReporter, '项目进度表.pdf', PDF, progress.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: '项目进度表.pdf',
      mime: 'application/pdf',
      size: PDF.length,
      dutyId: progress.id,
    });
    s = await submissionOf(w.as.ndrcReporter, s.round.id, s.unit.id);
    expect(s.attachments.map((a) => a.fileName)).toEqual(['项目进度表.pdf']);
  });

  it('refuses a file whose bytes do not match its extension, and an unknown type', async () => {
    const fake = await upload(w.as.ndrcReporter, '伪装.pdf', Buffer.from('MZ\x90\x00 this is an exe'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('附件类型不支持或与扩展名不符');
    expect((await upload(w.as.ndrcReporter, 'x.exe', Buffer.from('MZ'))).statusCode).toBe(400);
  });

  it('refuses a file over 20 MB', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 + 10)]);
    const res = await upload(w.as.ndrcReporter, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
  });

  it('lets only those who may read the report download it', async () => {
    const id = s.attachments[0]!.id;
    const mine = await w.as.ndrcApprover.request({ method: 'GET', url: `/api/attachments/${id}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.rawPayload.equals(PDF)).toBe(true);
    expect((await w.as.office.request({ method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(200);
    // A draft is not yet the leader's or another unit's to read.
    expect((await w.as.leader.request({ method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(403);
    expect((await w.as.stReporter.request({ method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(403);
    expect((await w.t.app.inject({ method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(401);
  });

  it('refuses uploads by another unit and once the submission has left the unit', async () => {
    expect((await upload(w.as.stReporter, 'a.pdf', PDF)).statusCode).toBe(403);
    s = (await step(w.as.ndrcReporter, s, 'send_for_approval')).json();
    expect((await upload(w.as.ndrcReporter, 'b.pdf', PDF)).statusCode).toBe(409);
    expect(
      (await w.as.ndrcReporter.request({ method: 'DELETE', url: `/api/attachments/${s.attachments[0]!.id}` }))
        .statusCode,
    ).toBe(409);
    s = (await step(w.as.ndrcApprover, s, 'approve')).json();
    s = (await step(w.as.ndrcApprover, s, 'submit')).json();
    expect(
      (await w.as.leader.request({ method: 'GET', url: `/api/attachments/${s.attachments[0]!.id}` })).statusCode,
    ).toBe(200);
    s = (await step(w.as.office, s, 'accept')).json();
    expect((await upload(w.as.ndrcReporter, 'c.pdf', PDF)).statusCode).toBe(423);
    expect(
      (await w.as.stReporter.request({ method: 'GET', url: `/api/attachments/${s.attachments[0]!.id}` })).statusCode,
    ).toBe(200);
  });
});
