# shellcheck shell=bash
# Round trip through the API: data made with real requests, backup, database dropped, restore, and every user's
# pads and notes read back through the API byte for byte as before.

# call METHOD PATH TOKEN [BODY]: one API request; prints the body, fails unless 2xx.
call() {
  curl -sS --fail-with-body -X "$1" "$NOTEJAM_BASE_URL/api/v1$2" -H "Authorization: Bearer $3" \
    ${4:+-H 'Content-Type: application/json' --data-binary @-} <<<"${4:-}"
}
# all_pages PATH TOKEN: every page of a list, one JSON body per line.
all_pages() {
  local cursor="" body
  while :; do
    body=$(curl -sS --fail-with-body -G "$NOTEJAM_BASE_URL/api/v1$1" -H "Authorization: Bearer $2" \
             --data-urlencode limit=7 ${cursor:+--data-urlencode "cursor=$cursor"})
    printf '%s\n' "$body"
    cursor=$(jq -r '.next_cursor // empty' <<<"$body")
    [ -n "$cursor" ] || break
  done
}
# api_view TOKEN...: what the API shows each user: pad and note lists in two orders, every pad, note and pad's notes.
api_view() {
  local tok id
  for tok; do
    for order in -updated_at name; do
      echo "== pads $order"; all_pages "/pads?order=$order" "$tok"
      echo "== notes $order"; all_pages "/notes?order=$order" "$tok"
    done
    for id in $(all_pages /pads "$tok" | jq -r '.items[].id'); do
      echo "== pad $id"; call GET "/pads/$id" "$tok"; echo
      echo "== pad $id notes"; all_pages "/pads/$id/notes" "$tok"
    done
    for id in $(all_pages /notes "$tok" | jq -r '.items[].id'); do
      echo "== note $id"; call GET "/notes/$id" "$tok"; echo
    done
  done
}

t_round_trip_through_the_api() {
  fresh_bucket api-round-trip
  trap '"$ROOT/tests/lib/stack.sh" stop "$T/stack"' EXIT
  "$ROOT/tests/lib/stack.sh" start "$T/stack" >"$T/stack.env"
  NOTEJAM_BASE_URL=$(sed -n 's/^NOTEJAM_BASE_URL=//p' "$T/stack.env")
  url=$(sed -n 's/^NOTEJAM_DATABASE_URL=//p' "$T/stack.env")
  export NOTEJAM_DATABASE_URL=${url/@/:$PASSWORD@}

  tokens=() n_pads=0 n_notes=0
  for email in "ann@example.com" "Łukasz.Żółw@przykład.pl" "山田@例え.jp"; do
    tok=$(jq -n --arg e "$email" '{email: $e, password: "correct horse battery"}' \
          | curl -sS --fail-with-body "$NOTEJAM_BASE_URL/api/v1/auth/signup" -H 'Content-Type: application/json' --data-binary @- \
          | jq -r .access_token)
    tokens+=("$tok")
    pads=()
    for name in "Work" "Ideen für später" "メモ 📝" "quote \" and \\ backslash"; do
      pads+=("$(call POST /pads "$tok" "$(jq -nc --arg n "$name" '{name: $n}')" | jq .id)")
      n_pads=$((n_pads + 1))
    done
    for i in $(seq 1 9); do
      pad=${pads[$((i % 4))]}; [ $((i % 3)) = 0 ] && pad=null
      call POST /notes "$tok" "$(jq -nc --arg n "note $i of $email" --argjson p "$pad" \
        --arg t "$(printf 'line 1\nline 2\ttab — «%s» — 🎉 مرحبا — e\u0301' "$i")" '{name: $n, text: $t, pad_id: $p}')" >/dev/null
      n_notes=$((n_notes + 1))
    done
    big_ascii=$(head -c 20000 /dev/zero | tr '\0' 'x')
    big_cjk=$(printf '中%.0s' $(seq 1 20000))
    call POST /notes "$tok" "$(jq -nc --arg t "$big_ascii" '{name: "largest ascii", text: $t}')" >/dev/null
    call POST /notes "$tok" "$(jq -nc --arg t "$big_cjk" --argjson p "${pads[0]}" '{name: "largest 3-byte", text: $t, pad_id: $p}')" >/dev/null
    id=$(call POST /notes "$tok" '{"name":"to be edited","text":"v1"}' | jq .id)
    call PATCH "/notes/$id" "$tok" '{"text":"v2 edited ✓","pad_id":'"${pads[1]}"'}' >/dev/null
    n_notes=$((n_notes + 3))
  done
  api_view "${tokens[@]}" >"$T/api-before.txt"
  grep -c '^== note ' "$T/api-before.txt" | grep -qx "$n_notes" || fail "the view holds every note"

  ok_tool backup
  m=$(latest_manifest)
  assert_eq "$(s3cat "$m" | jq -c '[.tables["public.users"], .tables["public.pads"], .tables["public.notes"]]')" "[3,$n_pads,$n_notes]" "manifest counts = what the API created"

  psql -X -q -d "${url%/notejam}/postgres" -c "DROP DATABASE notejam WITH (FORCE)"
  down() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$NOTEJAM_BASE_URL/readyz")" = 503 ]; }
  wait_for 30 down
  ok_tool restore --target-url "$NOTEJAM_DATABASE_URL"
  ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$NOTEJAM_BASE_URL/readyz")" = 200 ]; }
  wait_for 30 ready
  api_view "${tokens[@]}" >"$T/api-after.txt"
  cmp -s "$T/api-before.txt" "$T/api-after.txt" \
    || fail "the API answers differently after the restore: $(diff "$T/api-before.txt" "$T/api-after.txt" | head -c 800)"
  # and the restored database accepts new writes (sequences restored)
  call POST /notes "${tokens[0]}" '{"name":"after restore","text":"ok"}' >/dev/null
}
