import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { robotPayload, signedUrl, smsFailure, smsRequest, smsText, SMS_MAX_CHARS, urlHint } from './channels.ts';
import { digestInstant } from './digest.service.ts';

describe('outgoing channels', () => {
  const m = { subject: '【催办】市科技局', body: '请尽快报送' };

  it('speaks the WeCom and DingTalk robot markdown formats', () => {
    expect(robotPayload('wecom', m)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 【催办】市科技局\n\n请尽快报送' },
    });
    expect(robotPayload('dingtalk', m)).toEqual({
      msgtype: 'markdown',
      markdown: { title: '【催办】市科技局', text: '### 【催办】市科技局\n\n请尽快报送' },
    });
  });

  it('signs a DingTalk address with timestamp and HMAC-SHA256 of "timestamp\\nsecret"', () => {
    const url = signedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC1', 1700000000000);
    const sign = createHmac('sha256', 'SEC1').update('1700000000000\nSEC1').digest('base64');
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=${encodeURIComponent(sign)}`,
    );
    expect(signedUrl('https://x/y?k=1', null)).toBe('https://x/y?k=1');
  });

  it('shows only scheme and host of a robot address', () => {
    expect(urlHint('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET')).toBe('https://qyapi.weixin.qq.com');
    expect(urlHint('not a url')).toBe('');
  });

  it('builds an SMS gateway request as JSON or as a form with the configured field names', () => {
    const c = { url: 'http://gw', token: 'T', phoneField: 'to', textField: 'msg', signName: '科创办' };
    const json = smsRequest({ ...c, bodyFormat: 'json' }, '13800000000', m);
    expect(json.headers).toMatchObject({
      authorization: 'Bearer T',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(JSON.parse(json.body)).toEqual({ to: '13800000000', msg: '【科创办】【催办】市科技局\n请尽快报送' });
    const form = smsRequest({ ...c, token: null, bodyFormat: 'form' }, '13800000000', m);
    expect(form.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(form.body))).toEqual({
      to: '13800000000',
      msg: '【科创办】【催办】市科技局\n请尽快报送',
    });
  });

  it('cuts a long SMS and says where the rest is', () => {
    const text = smsText('', { subject: '提醒', body: '事项'.repeat(400) });
    expect(text).toHaveLength(SMS_MAX_CHARS);
    expect(text.endsWith('…（详见平台）')).toBe(true);
  });

  it('reads the common gateways answers: 2xx with code 0/OK is sent, anything else a failure with its reason', () => {
    expect(smsFailure(200, '{"code":0,"msg":"ok"}')).toBeNull();
    expect(smsFailure(200, '{"Code":"OK","Message":"OK"}')).toBeNull();
    expect(smsFailure(200, '{"status":"success"}')).toBeNull();
    expect(smsFailure(200, 'accepted')).toBeNull();
    expect(smsFailure(200, '{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发流控"}')).toBe(
      '短信网关返回错误 isv.BUSINESS_LIMIT_CONTROL：触发流控',
    );
    expect(smsFailure(200, '{"success":false,"message":"余额不足"}')).toBe('短信网关拒绝：余额不足');
    expect(smsFailure(401, '')).toBe('短信网关返回 HTTP 401');
  });

  it('puts the daily digest at 8:00 local time of the day in the deployment zone', () => {
    // 2025-09-23 01:30 in Beijing is still 2025-09-22 in UTC: the digest is 2025-09-23 08:00 Beijing.
    expect(digestInstant('2025-09-22T17:30:00.000Z', 'Asia/Shanghai')).toBe('2025-09-23T00:00:00.000Z');
    expect(digestInstant('2025-09-23T15:59:00.000Z', 'Asia/Shanghai')).toBe('2025-09-23T00:00:00.000Z');
    expect(digestInstant('2025-09-23T16:00:00.000Z', 'Asia/Shanghai')).toBe('2025-09-24T00:00:00.000Z');
  });
});
