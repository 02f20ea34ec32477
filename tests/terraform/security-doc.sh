#!/usr/bin/env bash
# docs/security-operations.md stays true: every `aws <service> <command> --option` it runs exists in the AWS CLI's
# service models (botocore, the aws CLI's own library), every repository path and `terraform output` it names
# exists, its alarm and WAF rule tables list exactly what Terraform creates, its Athena queries are the saved ones
# verbatim, and the WAF limit it states is the one derived from the API's defaults. Offline.
# Usage: security-doc.sh REPO_ROOT
set -euo pipefail
root=${1:?usage: security-doc.sh REPO_ROOT}
python3 -c 'import botocore' 2>/dev/null || {
  echo "security-doc: python3 cannot import botocore (it comes with the aws CLI of the machine image)" >&2; exit 1; }
python3 - "$root" <<'PY'
import math, os, re, sys
import botocore.session
from botocore import xform_name

root = sys.argv[1]
doc_path = os.path.join(root, "docs/security-operations.md")
doc = open(doc_path).read()
errors = []
read = lambda p: open(os.path.join(root, p)).read()

# --- aws CLI commands and their options ---
session = botocore.session.get_session()
services = set(session.get_available_services())
GLOBAL = {"region", "output", "query", "profile", "endpoint-url", "no-cli-pager", "debug", "cli-input-json",
          "max-items", "starting-token", "page-size", "no-paginate"}
CUSTOM = {("cloudtrail", "validate-logs")}  # aws CLI customisations, not API operations
code = "\n".join(re.findall(r"```sh\n(.*?)```", doc, re.S)) + "\n" + "\n".join(re.findall(r"`([^`\n]*\baws [^`\n]*)`", doc))
code = code.replace("\\\n", " ")
checked = 0
for line in code.splitlines():
    starts = [m for m in re.finditer(r"\baws ([a-z0-9-]+) ([a-z0-9-]+)", line)]
    for i, m in enumerate(starts):
        svc, cmd = m.group(1), m.group(2)
        seg = line[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(line)]
        checked += 1
        if (svc, cmd) in CUSTOM:
            continue
        if svc not in services:
            errors.append(f"unknown AWS CLI service: aws {svc} {cmd}"); continue
        model = session.get_service_model(svc)
        ops = {xform_name(o, "-"): o for o in model.operation_names}
        if cmd not in ops:
            errors.append(f"unknown command: aws {svc} {cmd}"); continue
        shape = model.operation_model(ops[cmd]).input_shape
        members = {xform_name(n, "-") for n in (shape.members if shape else {})}
        for opt in re.findall(r"(?<![\w-])--([a-z0-9-]+)", seg):
            if opt not in GLOBAL and opt not in members:
                errors.append(f"aws {svc} {cmd} has no option --{opt}")
if checked < 20:
    errors.append(f"only {checked} aws commands found: is the page's sh code still fenced with ```sh?")

# --- repository paths and terraform outputs ---
for p in set(re.findall(r"`((?:terraform|docs|tests|api|charts|ops)/[^`\s]*)`", doc)):
    if "<" not in p and not os.path.exists(os.path.join(root, p.rstrip(".,"))):
        errors.append(f"the page names {p}, which does not exist")
outputs = set(re.findall(r'^output "([a-z_]+)"', read("terraform/environments/_shared/outputs.tf"), re.M))
for name in set(re.findall(r"terraform output (?:-json |-raw )?([a-z_]+)", doc)):
    if name not in outputs:
        errors.append(f"terraform output {name}: no such output in terraform/environments/_shared/outputs.tf")

# --- alarms: the table lists exactly the alarms Terraform creates ---
audit = read("terraform/modules/audit/alarms.tf")
filters = re.search(r"security_filters = \{(.*?)\n  \}", audit, re.S).group(1)
alarms = set(re.findall(r'^\s*"([a-z-]+)"\s*=', filters, re.M))
threat = read("terraform/modules/threat-detection/main.tf")
alarms |= set(re.findall(r'alarm_name\s*=\s*"\$\{var\.name\}-([a-z-]+)"', threat))
documented = set(re.findall(r"^\| `<env>-([a-z-]+)` \|", doc, re.M))
if documented != alarms:
    errors.append(f"alarm table {sorted(documented)} != Terraform's alarms {sorted(alarms)}")

# --- WAF rules: the table lists exactly the web ACL's rules, in priority order ---
waf = read("terraform/modules/edge-protection/main.tf")
rules = {k: int(p) for k, p in re.findall(r'"([a-z-]+)"\s*=\s*\{ priority = (\d+)', waf)}
rules.update({k: int(p) for k, p in re.findall(r'name\s*=\s*"([a-z-]+)"\n\s*priority\s*=\s*(\d+)', waf)})
table = {k: int(p) for p, k in re.findall(r"^\| (\d+) \| `([a-z-]+)` \|", doc, re.M)}
if table != rules:
    errors.append(f"WAF rule table {table} != the web ACL's rules {rules}")

# --- the saved Athena queries, verbatim ---
qdir = "terraform/modules/edge-logs/queries"
for f in sorted(os.listdir(os.path.join(root, qdir))):
    if f"```sql\n{read(os.path.join(qdir, f))}```" not in doc:
        errors.append(f"{qdir}/{f} is not shown verbatim in a ```sql block")
    if f"(`{f[:-4]}`)" not in doc:
        errors.append(f"no section names the saved query {f[:-4]}")

# --- the WAF limit the page states, from the API's defaults ---
conf = read("api/src/config.c")
default = lambda n: int(re.search(r'"%s", I\([a-z_]+\), "(\d+)"' % n, conf).group(1))
scopes = len(re.findall(r'rate_limited\(r, "[a-z-]+"', read("api/src/handlers/auth_handlers.c")))
window = int(re.search(r'variable "evaluation_window_sec" \{.*?default\s*=\s*(\d+)', read("terraform/modules/edge-protection/variables.tf"), re.S).group(1))
limit = scopes * default("NOTEJAM_RATE_LIMIT") * (math.ceil(window / default("NOTEJAM_RATE_WINDOW")) + 1)
stated = re.search(r"more than \*\*(\d+) requests in (\d+) minutes\*\*", doc)
if not stated or (int(stated.group(1)), int(stated.group(2)) * 60) != (limit, window):
    errors.append(f"the page must state the WAF limit as 'more than **{limit} requests in {window // 60} minutes**'")
if f"{scopes} x {default('NOTEJAM_RATE_LIMIT')} x {math.ceil(window / default('NOTEJAM_RATE_WINDOW')) + 1} = {limit}" not in doc:
    errors.append("the page's worked example of the WAF limit does not match the API's defaults")

for e in errors:
    print("security-doc:", e, file=sys.stderr)
if errors:
    sys.exit(1)
print(f"security-doc: {checked} aws commands, paths, outputs, {len(alarms)} alarms, {len(rules)} WAF rules, "
      f"saved queries and the WAF limit ({limit}/{window}s) match docs/security-operations.md")
PY
