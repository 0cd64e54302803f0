import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { StackFixture } from './stack-fixture.ts';

describe('broker: mail over SMTP when an SMTP server is configured', () => {
  let smtp: SMTPServer;
  let port: number;
  const stack = new StackFixture();
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
    ({ port } = smtp.server.address() as AddressInfo);
  });
  // Started once the SMTP server listens, and closed before it.
  stack.use(
    () => ({ broker: { smtpUrl: `smtp://127.0.0.1:${port}`, verificationUrl: 'http://portal.example/verify.html#token={token}' } }),
    { reset: 'never' },
  );
  after(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('sends the verification email through the SMTP server, and keeps no local outbox', async () => {
    const maria = stack.as(
      await stack.signIn({
        userId: 'mymeter-maria',
        email: 'maria.garcia@example.com',
        name: 'Maria Garcia',
        accountNumbers: ['100200303'],
      }),
    );
    const r = await maria('/me/credentials', { method: 'PUT', json: { currentPassword: 'meter-demo-2', newPassword: 'maria-new-pass-1' } });
    assert.equal(r.body.status, 'verification_sent', r.text);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, ['maria.garcia@example.com']);
    assert.match(received[0]!.data, /Subject: Approve the change to your online account/);
    assert.match(received[0]!.data, /http:\/\/portal\.example\/verify\.html#token=/);
    assert.ok(!received[0]!.data.includes('maria-new-pass-1'));
    assert.deepEqual(await stack.outbox(), []);
  });
});
