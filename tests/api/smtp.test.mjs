// Outgoing mail through an SMTP relay (production path): a minimal SMTP peer written here receives the reset mail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { setup, teardown, waitFor } from './helpers.mjs';

let t, server;
const received = [];

/** A tiny SMTP receiver: enough of RFC 5321 for one client (EHLO, MAIL, RCPT, DATA, QUIT). */
function smtpSink() {
  return net.createServer((sock) => {
    let buf = '', inData = false, msg = { rcpt: [], data: '' };
    sock.write('220 sink ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(msg);
            msg = { rcpt: [], data: '' };
            sock.write('250 queued\r\n');
          } else msg.data += line + '\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250-sink\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') { msg.from = line; sock.write('250 ok\r\n'); }
        else if (cmd === 'RCPT') { msg.rcpt.push(line); sock.write('250 ok\r\n'); }
        else if (cmd === 'DATA') { inData = true; sock.write('354 go on\r\n'); }
        else if (cmd === 'QUIT') { sock.write('221 bye\r\n'); sock.end(); }
        else sock.write('500 what\r\n');
      }
    });
  });
}

before(async () => {
  server = smtpSink();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t = await setup({ env: { NOTEJAM_MAIL_DIR: '', NOTEJAM_SMTP_URL: `smtp://127.0.0.1:${server.address().port}`,
    NOTEJAM_MAIL_FROM: 'Notejam <no-reply@notejam.test>' } });
});
after(async () => {
  await teardown(t);
  server.close();
});

test('the reset mail goes through the SMTP relay with the link to the web app', async () => {
  const u = await t.signup();
  assert.equal((await t.post('/api/v1/auth/forgot-password', { email: u.email })).status, 202);
  const mail = await waitFor(() => received.find((m) => m.rcpt.some((r) => r.includes(u.email))), { what: 'SMTP delivery' });
  assert.match(mail.from, /MAIL FROM:<no-reply@notejam\.test>/);
  assert.match(mail.data, /Subject: Reset your Notejam password/);
  const token = mail.data.match(/\/reset-password\?token=([A-Za-z0-9_-]{43})/)[1];
  assert.equal((await t.post('/api/v1/auth/reset-password', { token, password: 'a new password!' })).status, 204);
  await waitFor(async () => /notejam_mail_total\{result="sent"\} 1/.test((await t.get('/metrics')).text), { what: 'mail metric' });
});
