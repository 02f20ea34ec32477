// Outgoing mail through SMTP (the production path): an SMTP server written here (plain, STARTTLS, or implicit TLS,
// with AUTH PLAIN) receives the reset mail. Certificates come from a CA made for this run with the openssl CLI;
// the API trusts it through SSL_CERT_FILE. One stack; the API is restarted with another NOTEJAM_SMTP_URL per case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, teardown, waitFor } from './helpers.mjs';
import { ROOT } from '../lib/stack.mjs';

let t, pki;
const servers = []; // closed in after(), so a failing case cannot leave a listener keeping the run alive

/** A CA and a certificate for 127.0.0.1 signed by it, in a temporary folder. */
function makePki() {
  const dir = mkdtempSync(join(tmpdir(), 'notejam-smtp-pki-'));
  const ossl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  ossl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=notejam test CA', '-keyout', 'ca.key', '-out', 'ca.pem');
  ossl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1',
    '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName = IP:127.0.0.1, DNS:localhost\n');
  ossl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1',
    '-extfile', 'san.ext', '-out', 'server.pem');
  return { dir, ca: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) };
}

/**
 * An SMTP server for one test case. Options: starttls (offer STARTTLS), implicitTls (TLS from the first byte),
 * auth {user, pass} (offer AUTH PLAIN and require it), failFirst (the first session gets 451 at MAIL FROM).
 * Every session is recorded: {commands, secure, auth, mail}.
 */
async function smtpServer({ starttls = false, implicitTls = false, auth = null, failFirst = false } = {}) {
  const sessions = [], sockets = new Set();
  const context = { key: pki.key, cert: pki.cert };
  const serve = (raw) => {
    const s = { commands: [], secure: implicitTls, auth: null, mail: null };
    sockets.add(raw);
    sessions.push(s);
    let sock = raw, buf = '', inData = false, msg = null;
    const onData = (chunk) => {
      buf += chunk.toString('utf8');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') { inData = false; s.mail = msg; sock.write('250 queued\r\n'); } else msg.data += `${line}\n`;
          continue;
        }
        const cmd = line.split(' ')[0].toUpperCase();
        s.commands.push(cmd === 'AUTH' ? 'AUTH' : line);
        if (cmd === 'EHLO') {
          const caps = ['8BITMIME', ...(starttls && !s.secure ? ['STARTTLS'] : []), ...(auth ? ['AUTH PLAIN LOGIN'] : [])];
          sock.write(['sink', ...caps].map((c, k, all) => `250${k === all.length - 1 ? ' ' : '-'}${c}\r\n`).join(''));
        } else if (cmd === 'STARTTLS' && starttls && !s.secure) {
          sock.write('220 go ahead\r\n');
          sock.removeListener('data', onData);
          sock = new tls.TLSSocket(sock, { isServer: true, ...context });
          sock.on('secure', () => { s.secure = true; });
          sock.on('data', onData);
          sock.on('error', () => {});
        } else if (cmd === 'AUTH') {
          const [, mech, b64] = line.split(' ');
          const [, user, pass] = Buffer.from(b64 ?? '', 'base64').toString('utf8').split('\0');
          s.auth = { mech, user, pass, secure: s.secure };
          const ok = auth && mech === 'PLAIN' && user === auth.user && pass === auth.pass;
          sock.write(ok ? '235 ok\r\n' : '535 no\r\n');
        } else if (cmd === 'MAIL') {
          if (auth && !(s.auth && s.auth.user === auth.user)) sock.write('530 authenticate first\r\n');
          else if (failFirst && sessions.length === 1) sock.write('451 try again later\r\n');
          else { msg = { from: line, rcpt: [], data: '', secure: s.secure }; sock.write('250 ok\r\n'); }
        } else if (cmd === 'RCPT') { msg.rcpt.push(line); sock.write('250 ok\r\n'); }
        else if (cmd === 'DATA') { inData = true; sock.write('354 go on\r\n'); }
        else if (cmd === 'QUIT') { sock.write('221 bye\r\n'); sock.end(); }
        else sock.write('500 what\r\n');
      }
    };
    sock.on('data', onData);
    sock.on('error', () => {});
    sock.write('220 sink ESMTP\r\n');
  };
  const server = implicitTls ? tls.createServer(context, serve) : net.createServer(serve);
  server.on('tlsClientError', () => {});
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const close = () => new Promise((r) => {
    for (const s of sockets) s.destroy();
    server.close(r);
  });
  servers.push(close);
  return { sessions, port: server.address().port, close };
}

/** Restarts the API (counters start at 0) with this SMTP URL, trusting the test CA (or, with ca: null, nothing). */
async function useSmtp(url, { ca = pki.ca } = {}) {
  assert.equal(await t.stack.api.stop(), 0, 'the API stopped cleanly');
  Object.assign(t.stack.api.env, { NOTEJAM_SMTP_URL: url, SSL_CERT_FILE: ca ?? '/nonexistent' });
  await t.stack.api.start();
}

const mailMetric = async (result) => {
  const m = (await t.get('/metrics')).text.match(new RegExp(`notejam_mail_total\\{result="${result}"\\} (\\d+)`));
  return m ? Number(m[1]) : 0;
};

async function requestReset() {
  const u = await t.signup();
  assert.equal((await t.post('/api/v1/auth/forgot-password', { email: u.email })).status, 202);
  return u;
}

before(async () => {
  pki = makePki();
  t = await setup({ env: { NOTEJAM_MAIL_DIR: '', NOTEJAM_SMTP_URL: 'smtp://127.0.0.1:9', NOTEJAM_MAIL_FROM: 'Notejam <no-reply@notejam.test>' } });
});
after(async () => {
  for (const close of servers) await close();
  await teardown(t);
  rmSync(pki.dir, { recursive: true, force: true });
});

test('a plain relay (no TLS offered, no credentials): the reset mail arrives with the link to the web app', async () => {
  const sink = await smtpServer();
  await useSmtp(`smtp://127.0.0.1:${sink.port}`);
  const u = await requestReset();
  const s = await waitFor(() => sink.sessions.find((x) => x.mail?.rcpt.some((r) => r.includes(u.email))), { what: 'SMTP delivery' });
  assert.match(s.mail.from, /MAIL FROM:<no-reply@notejam\.test>/);
  assert.match(s.mail.data, /Subject: Reset your Notejam password/);
  const token = s.mail.data.match(/\/reset-password\?token=([A-Za-z0-9_-]{43})/)[1];
  assert.equal((await t.post('/api/v1/auth/reset-password', { token, password: 'a new password!' })).status, 204);
  await waitFor(async () => (await mailMetric('sent')) === 1, { what: 'mail metric' });
});

test('STARTTLS then AUTH PLAIN (percent-encoded password), retried after a temporary failure', async () => {
  const sink = await smtpServer({ starttls: true, auth: { user: 'mailer', pass: 'p@ss:wörd' }, failFirst: true });
  await useSmtp(`smtp://mailer:p%40ss%3Aw%C3%B6rd@127.0.0.1:${sink.port}`);
  const u = await requestReset();
  const s = await waitFor(() => sink.sessions.find((x) => x.mail), { what: 'delivery on the retry' });
  assert.equal(sink.sessions.length, 2, 'the first session failed with 451, the second delivered');
  assert.ok(s.mail.rcpt.some((r) => r.includes(u.email)));
  assert.deepEqual(s.auth, { mech: 'PLAIN', user: 'mailer', pass: 'p@ss:wörd', secure: true }, 'credentials only inside TLS');
  assert.ok(s.mail.secure);
  assert.deepEqual(s.commands.slice(0, 3), ['EHLO notejam', 'STARTTLS', 'EHLO notejam']);
  const logs = t.stack.api.logs();
  for (const secret of ['p@ss', 'p%40ss', Buffer.from('\0mailer\0p@ss:wörd').toString('base64')]) {
    assert.ok(!logs.includes(secret), `the logs never show ${secret}`);
  }
});

test('implicit TLS (smtps://) with AUTH PLAIN', async () => {
  const sink = await smtpServer({ implicitTls: true, auth: { user: 'ses-user', pass: 'secret' } });
  await useSmtp(`smtps://ses-user:secret@127.0.0.1:${sink.port}`);
  await requestReset();
  const s = await waitFor(() => sink.sessions.find((x) => x.mail), { what: 'smtps delivery' });
  assert.equal(s.auth.secure, true);
});

test('credentials are never sent in clear: no STARTTLS offered -> no AUTH, no mail, failure logged and counted', async () => {
  const sink = await smtpServer({ auth: { user: 'mailer', pass: 'secret' } });
  await useSmtp(`smtp://mailer:secret@127.0.0.1:${sink.port}`);
  await requestReset();
  await waitFor(async () => (await mailMetric('failed')) === 1, { timeoutMs: 30000, what: 'the failure after two retries' });
  assert.equal(sink.sessions.length, 3, 'one attempt and two retries');
  for (const s of sink.sessions) {
    assert.equal(s.auth, null, 'AUTH never sent');
    assert.equal(s.mail, null);
  }
  assert.match(t.stack.api.logs(), /mail delivery failed.*credentials are never sent in clear/);
});

test('a certificate the API does not trust: the handshake fails before AUTH, nothing is sent', async () => {
  const sink = await smtpServer({ starttls: true, auth: { user: 'mailer', pass: 'secret' } });
  await useSmtp(`smtp://mailer:secret@127.0.0.1:${sink.port}`, { ca: null });
  await requestReset();
  await waitFor(async () => (await mailMetric('failed')) === 1, { timeoutMs: 30000, what: 'the failure after two retries' });
  assert.ok(sink.sessions.length >= 1);
  for (const s of sink.sessions) assert.equal(s.auth, null, 'AUTH never sent');
  assert.match(t.stack.api.logs(), /mail delivery failed.*STARTTLS failed/);
});

test('a malformed NOTEJAM_SMTP_URL stops start-up with exit 2, without repeating the URL', async () => {
  for (const url of ['smtp://user@host', 'http://host:25', 'smtp://u:p%zz@host', 'smtp://host:99999999', 'smtp://:p@host']) {
    let out = '';
    let code = 0;
    try {
      const binary = join(ROOT, 'build', process.env.NOTEJAM_TEST_ASAN === '1' ? 'asan/notejam' : 'notejam');
      execFileSync(binary, ['serve'],
        { env: { ...t.stack.api.env, NOTEJAM_SMTP_URL: url, NOTEJAM_LISTEN: '127.0.0.1:1' }, stdio: 'pipe' });
    } catch (e) {
      code = e.status;
      out = `${e.stdout}${e.stderr}`;
    }
    assert.equal(code, 2, url);
    assert.match(out, /NOTEJAM_SMTP_URL/, url);
    assert.ok(!out.includes(url), `the message does not repeat ${url}`);
  }
});
