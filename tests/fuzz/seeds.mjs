// Writes the committed seed corpora (tests/fuzz/corpus/<target>/): valid and near-valid inputs so that each
// fuzzer starts from the interesting paths. Re-run after changing a harness's input format: node tests/fuzz/seeds.mjs
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, 'corpus');
const put = (target, name, data) => {
  mkdirSync(join(root, target), { recursive: true });
  writeFileSync(join(root, target, name), data);
};
rmSync(root, { recursive: true, force: true });

const bodies = {
  note: '{"name":"Groceries","text":"milk\\neggs","pad_id":null}',
  note_pad: '{"name":"  padded  ","text":"","pad_id":12}',
  note_bad_types: '{"name":5,"text":["x"],"pad_id":"7"}',
  note_unknown: '{"name":"a","text":"b","colour":"red"}',
  note_dup: '{"name":"a","name":"b","text":"c"}',
  pad: '{"name":"Work"}',
  signin: '{"email":"someone@example.org","password":"correct horse battery"}',
  unicode: '{"name":"caf\u00e9 \ud83d\ude00","text":"\\u00e9\\ud83d\\ude00"}',
  escaped_nul: '{"name":"a\\u0000b","text":""}',
  deep: `${'['.repeat(40)}${']'.repeat(40)}`,
  deep_object: `{"a":${'{"a":'.repeat(31)}1${'}'.repeat(32)}`,
  trailing: '{"name":"a","text":"b"} x',
  big_id: '{"name":"a","text":"b","pad_id":9007199254740993}',
  float_id: '{"name":"a","text":"b","pad_id":1.5}',
  array: '[1,2,3]',
};
for (const [k, v] of Object.entries(bodies)) put('fuzz_body', k, v);
put('fuzz_body', 'bad_utf8', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
put('fuzz_body', 'overlong', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe0, 0x80, 0xaf, 0x22, 0x7d]));

const paths = ['/healthz', '/readyz', '/metrics', '/version', '/api/v1/notes', '/api/v1/notes/42', '/api/v1/pads/7/notes',
  '/api/v1/pads/007', '/api/v1/notes/99999999999999999999', '/api/v1/auth/signin', '/api/v1/me/password', '/api',
  '/api/v2/notes', '/index.html', '/reset-password', '/api/v1/notes/', '/api/v1/pads/1/notes/2', '//api/v1/notes'];
paths.forEach((p, i) => put('fuzz_router', `path${i}`, Buffer.concat([Buffer.from([i % 8]), Buffer.from(p)])));

const cursorKey = Buffer.concat([Buffer.from('fuzz cursor key, 32 bytes long!'), Buffer.from([0])]);
const cursor = (payload) => {
  const mac = createHmac('sha256', cursorKey).update(payload).digest().subarray(0, 16);
  return Buffer.concat([Buffer.from(payload), mac]).toString('base64url');
};
const cursors = ['v1|N|0|0|1764320000000000|42|', 'v1|P|2|0|0|7|Work', 'v1|N|3|12|0|9|z\u00e9', 'v1|N|1|0|-1|1|'];
cursors.forEach((c, i) => put('fuzz_cursor', `valid${i}`, Buffer.concat([Buffer.from([0]), Buffer.from(cursor(c))])));
put('fuzz_cursor', 'tampered', Buffer.concat([Buffer.from([0]), Buffer.from(`${cursor(cursors[0]).slice(0, -2)}AA`)]));
put('fuzz_cursor', 'garbage', Buffer.from('\0not a cursor'));
const described = Buffer.alloc(27 + 5);
described[0] = 1; described[1] = 0; described[2] = 2;
described.writeBigInt64LE(5n, 3); described.writeBigInt64LE(1764320000000000n, 11); described.writeBigInt64LE(77n, 19);
described.write('Work|', 27);
put('fuzz_cursor', 'described', described);

const jwtKey = Buffer.from('fuzz signing key number one 1234');
const b64 = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const sign = (h, p) => {
  const body = `${b64(h)}.${b64(p)}`;
  return `${body}.${createHmac('sha256', jwtKey).update(body).digest('base64url')}`;
};
const header = { alg: 'HS256', typ: 'JWT', kid: 'fuzz1' };
const claims = { iss: 'notejam', aud: 'notejam-api', sub: '7', sid: 'abc', typ: 'access', iat: 1800000000, nbf: 1800000000, exp: 1800000900, jti: 'x' };
put('fuzz_jwt', 'valid', `\0${sign(header, claims)}`);
put('fuzz_jwt', 'expired', `\0${sign(header, { ...claims, exp: 1700000000 })}`);
put('fuzz_jwt', 'alg_none', `\0${b64({ alg: 'none', kid: 'fuzz1' })}.${b64(claims)}.`);
put('fuzz_jwt', 'other_kid', `\0${sign({ ...header, kid: 'fuzz2' }, claims)}`);
put('fuzz_jwt', 'forge_valid', `\x01${JSON.stringify(header)}\n${JSON.stringify(claims)}`);
put('fuzz_jwt', 'forge_refresh', `\x01${JSON.stringify(header)}\n${JSON.stringify({ ...claims, typ: 'refresh' })}`);
put('fuzz_jwt', 'forge_types', `\x01${JSON.stringify(header)}\n${JSON.stringify({ ...claims, sub: 7, exp: '1800000900', aud: ['notejam-api'] })}`);
put('fuzz_jwt', 'forge_float', `\x01${JSON.stringify(header)}\n{"iss":"notejam","aud":"notejam-api","sub":"1","sid":"s","typ":"access","nbf":1.8e9,"exp":1.9e9}`);

put('fuzz_json_out', 'plain', Buffer.concat([Buffer.alloc(9, 1), Buffer.from('a plain note text, long enough for words')]));
put('fuzz_json_out', 'escapes', Buffer.from('\u0000\u0001"\\\n\r\t\b\f\u001f\u007f caf\u00e9 end of text'));
put('fuzz_json_out', 'negative_time', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 29, 0x41]));
