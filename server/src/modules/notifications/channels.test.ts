import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { robotPayload, signedUrl, urlHint } from './channels.ts';

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
});
