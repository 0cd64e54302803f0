import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { startStack, TEST_HOST_KEY, type StartedStack } from '../support/stack.ts';
import { request } from './http.ts';

describe('broker: mail over SMTP when an SMTP server is configured', () => {
  let smtp: SMTPServer;
  let stack: StartedStack;
  const received: { to: string[]; data: string }[] = [];

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    stack = await startStack({ broker: { smtpUrl: `smtp://127.0.0.1:${port}`, verificationUrl: 'http://portal.example/verify.html#token={token}' } });
  });
  after(async () => {
    await stack.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends the verification email through the SMTP server, and keeps no local outbox', async () => {
    const open = await request(`${stack.brokerUrl}/sessions`, {
      method: 'POST',
      json: { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] },
      headers: { 'x-ic-host-key': TEST_HOST_KEY },
    });
    const r = await request(`${stack.brokerUrl}/me/credentials`, {
      method: 'PUT',
      json: { currentPassword: 'meter-demo-2', newPassword: 'maria-new-pass-1' },
      headers: { authorization: `Bearer ${open.body.token}` },
    });
    assert.equal(r.body.status, 'verification_sent', r.text);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, ['maria.garcia@example.com']);
    assert.match(received[0]!.data, /Subject: Approve the change to your online account/);
    assert.match(received[0]!.data, /http:\/\/portal\.example\/verify\.html#token=/);
    assert.ok(!received[0]!.data.includes('maria-new-pass-1'));
    assert.deepEqual(stack.outbox(), []);
  });
});
