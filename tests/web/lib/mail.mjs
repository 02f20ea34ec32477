// Reads the local stack's mail outbox (one .eml per mail) and pulls the reset link out of a message.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../lib/wait.mjs';

// A mail as text: a quoted-printable body is decoded (soft line breaks, =XX escapes); 7bit/8bit stays as it is.
function readMail(text) {
  const split = text.search(/\r?\n\r?\n/);
  const head = split < 0 ? text : text.slice(0, split);
  if (!/^content-transfer-encoding:\s*quoted-printable/im.test(head)) return text;
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

export function mailsTo(mailDir, email) {
  let files = [];
  try { files = readdirSync(mailDir).filter((f) => f.endsWith('.eml')); } catch { return []; }
  // Oldest first, so the last one is the newest mail.
  const byAge = files.map((f) => join(mailDir, f)).sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs || a.localeCompare(b));
  return byAge.map((f) => readMail(readFileSync(f, 'utf8')))
    .filter((m) => m.toLowerCase().includes(email.toLowerCase()));
}

/** Waits for the reset mail to `email` and returns its link's path and query ("/reset-password?token=..."). */
export async function resetLink(mailDir, email, { already = 0 } = {}) {
  const mail = await waitFor(() => {
    const found = mailsTo(mailDir, email);
    return found.length > already ? found[found.length - 1] : null;
  }, { timeoutMs: 10000, what: `reset mail to ${email}` });
  const m = mail.match(/https?:\/\/[^\s"'<>]+\/reset-password\?token=[A-Za-z0-9_\-.~%]+/);
  if (!m) throw new Error(`no reset link in mail:\n${mail}`);
  const url = new URL(m[0]);
  return { full: m[0], path: url.pathname + url.search };
}
