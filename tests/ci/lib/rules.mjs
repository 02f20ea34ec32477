// A small evaluator for the GitLab `rules:if` expressions this pipeline uses: $VAR, "strings", ==, !=, =~ /re/,
// !~, &&, ||, parentheses. gitlab-ci-local does not apply workflow:rules, so the tests evaluate those with this.
function tokenize(src) {
  const re = /\s*(\$[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/(?:[^/\\]|\\.)+\/[a-z]*|==|!=|=~|!~|&&|\|\||\(|\)|null)/y;
  const out = [];
  let m;
  re.lastIndex = 0;
  while (re.lastIndex < src.length && (m = re.exec(src))) out.push(m[1]);
  if (re.lastIndex < src.trimEnd().length) throw new Error(`cannot parse rule expression: ${src}`);
  return out;
}

export function evaluate(expr, vars) {
  const t = tokenize(expr);
  let i = 0;
  const value = (tok) => {
    if (tok.startsWith('$')) return vars[tok.slice(1)] ?? null;
    if (tok === 'null') return null;
    if (tok.startsWith('"') || tok.startsWith("'")) return tok.slice(1, -1);
    if (tok.startsWith('/')) { const end = tok.lastIndexOf('/'); return new RegExp(tok.slice(1, end), tok.slice(end + 1)); }
    throw new Error(`unexpected ${tok} in ${expr}`);
  };
  const primary = () => {
    if (t[i] === '(') { i++; const v = or(); if (t[i++] !== ')') throw new Error(`missing ) in ${expr}`); return v; }
    const left = value(t[i++]);
    const op = t[i];
    if (['==', '!=', '=~', '!~'].includes(op)) {
      i++;
      const right = value(t[i++]);
      if (op === '==') return left === right;
      if (op === '!=') return left !== right;
      const match = left !== null && right instanceof RegExp && right.test(left);
      return op === '=~' ? match : !match;
    }
    return left !== null && left !== '';
  };
  const and = () => { let v = primary(); while (t[i] === '&&') { i++; const r = primary(); v = v && r; } return v; };
  const or = () => { let v = and(); while (t[i] === '||') { i++; const r = and(); v = v || r; } return v; };
  const result = or();
  if (i !== t.length) throw new Error(`trailing tokens in ${expr}`);
  return result;
}

// The first matching rule of a rules: list (GitLab semantics), or null when none matches.
export function firstMatch(rules, vars) {
  for (const rule of rules ?? []) if (!rule.if || evaluate(rule.if, vars)) return rule;
  return null;
}
