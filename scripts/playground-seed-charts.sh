#!/usr/bin/env bash
# Seeds a running local-mode bot with what the chart screenshots show (see playground-screenshots.js):
# three earlier screens in which raj rates a point above pat and quinn (so calibration has history),
# then a loop for role `be-charts` with two rounds, every scorecard submitted, so its digest and chart exist.
# Loops and interviews are written with SQL, as the tests' ScorecardHarness does (scheduling them would
# need calendars); everything else goes through the local channel. The Playground's user (alexw@example.com)
# is made a recruiter of be-charts so `summary` and `calibration` answer in the Playground.
# Usage: scripts/playground-seed-charts.sh [data dir of the bot's database, default /tmp/pgbot] [bot url]
set -euo pipefail
DATA=${1:-/tmp/pgbot}
BOT=${2:-http://127.0.0.1:3978}
export PGPASSWORD; PGPASSWORD=$(cat "$DATA/password")
PGPORT=$(sed -n 4p "$DATA/pg/postmaster.pid")
ORG=00000000-0000-0000-0000-000000000001
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U hirebot -d hirebot -v ON_ERROR_STOP=1 -Atq -c "$1"; }
# The local channel answers 202 with the request's id; its answer is read with the long poll.
answer() { local id; id=$(jq -r .id) && curl -sf "$BOT/local/messages?replyTo=$id&wait=30" | jq -e '.[0].reply.isError == false' >/dev/null; }
say() { curl -sf "$BOT/local/messages" -H 'content-type: application/json' -d "$(jq -nc --arg f "$1" --arg t "$2" '{from:$f,text:$t}')" | answer || { echo "failed: $2" >&2; exit 1; }; }
declare -A FOCUS=([screen]="data-modeling api-design reliability" [behavioral]="collaboration ownership growth")

# submit <email> <interview id> <round> <recommendation> <rating per competency...>
submit() {
  local who=$1 id=$2 round=$3 rec=$4; shift 4
  local data; data=$(jq -nc --arg id "$id" --arg rec "$rec" '{interviewId:$id, recommendation:$rec}')
  for c in ${FOCUS[$round]}; do
    data=$(jq -c --arg c "$c" --arg r "$1" '. + {("rating."+$c): $r, ("evidence."+$c): ("Walked through "+$c+" with a concrete example from their last job.")}' <<<"$data")
    shift
  done
  curl -sf "$BOT/local/actions" -H 'content-type: application/json' -d "$(jq -nc --arg f "$who" --argjson d "$data" '{from:$f, verb:"scorecard.submit", data:$d}')" \
    | answer || { echo "scorecard of $who failed" >&2; exit 1; }
}

# loop <role> <candidate email> → the loop's id; the role and candidate are created through the local channel.
loop() {
  say rita@example.com "role create $1 \"Senior Backend Engineer\""
  say rita@example.com "role add $1 manager mona@example.com"
  say rita@example.com "candidate add $1 $2 Ada Example"
  sql "UPDATE loops l SET state = 'InProgress' FROM candidates c WHERE c.id = l.candidate_id AND c.email = '$2' RETURNING l.id"
}

# interview <loop id> <round> <hours ago> <panelist...> → the interview's id
interview() {
  local loop=$1 round=$2 ago=$3; shift 3
  local id; id=$(sql "INSERT INTO interviews (id, loop_id, round_id, starts_at, ends_at, status, org_id) VALUES (gen_random_uuid(), '$loop', '$round', now() - interval '$ago hours', now() - interval '$ago hours' + interval '45 minutes', 'Completed', '$ORG') RETURNING id")
  for p in "$@"; do sql "INSERT INTO interview_panelists (interview_id, email, is_shadow, org_id) VALUES ('$id', '$p', false, '$ORG')"; done
  echo "$id"
}

for i in 1 2 3; do
  l=$(loop "history$i" "past$i@example.com")
  s=$(interview "$l" screen 30 raj@example.com pat@example.com quinn@example.com)
  submit pat@example.com "$s" screen no 2 2 3
  submit quinn@example.com "$s" screen no 2 3 2
  submit raj@example.com "$s" screen yes 4 4 4
done

l=$(loop be-charts ada@example.com)
for who in raj pat quinn; do say rita@example.com "role add be-charts interviewer $who@example.com pool backend"; done
say rita@example.com "role add be-charts interviewer bea@example.com pool behavioral"
sql "UPDATE roles SET recruiters = array_append(recruiters, 'alexw@example.com') WHERE slug = 'be-charts'"
s=$(interview "$l" screen 6 raj@example.com pat@example.com quinn@example.com)
b=$(interview "$l" behavioral 4 bea@example.com mona@example.com)
submit pat@example.com "$s" screen yes 3 3 2
submit quinn@example.com "$s" screen yes 3 2 3
submit raj@example.com "$s" screen yes 4 4 4
submit bea@example.com "$b" behavioral yes 3 4 3
submit mona@example.com "$b" behavioral yes 4 3 3
echo "seeded: ask 'summary ada@example.com' and 'calibration be-charts' as alexw@example.com"
