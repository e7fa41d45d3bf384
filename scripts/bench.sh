#!/usr/bin/env bash
# The targets of SPEC §7, measured in one run against sqlite3 on the same
# records:
#
#   summary of one day        <= 1.0x  sqlite3 answering the same one-day counts
#                                      (reported, local/away, fever, contact,
#                                      isolated, work, per department, the
#                                      alerts, who is missing) from an indexed
#                                      table of the same records and a table
#                                      of the same roster
#   record, ten-year store    <= 1.2x  the same record on a one-day store
#   export of all records     <= 0.5x  sqlite3 -csv 'select * from records'
#   peak memory, daily/export <  16 MB
#   summary of one day        <= 1.0x  sqlite3's bare count(*), sum(fever) for
#                                      that day (v2, start-up)
#
# v2, a district (SPEC §7): a 30,000-person store against a 300-person one,
# both 30 days, as ratios big/small in the same run:
#   summary, daily, missing, alerts, template, residents, trend (30 days)
#                             <= 150x
#   record --batch            <= 20x   (3,000 rows against 300 rows)
#   record of one person      <= 3x
#   peak memory, every command < 64 MB at 30,000 people
# v2, ten years (the store above, against sqlite3 on the same records):
#   history PERSON            <= 1.0x  select * ... where person = PERSON
#   trend over ten years      <= 1.0x  select date, count(*), ... group by date
#   export --format jsonl     <= 1.0x  sqlite3 -json 'select * from records'
#   check                     <  1 s
#   a person silent 9 years   <= 1.2x  residents, template and their record
#                                      against the same without them
#
# Timings are ratios of interleaved pairs (ours, theirs; then theirs, ours;
# ...) and the median of the per-pair ratios, so a neighbour compiling on
# the other core slows both sides of a pair alike. Exits 1 if a target is
# missed.
#
# Environment: BENCH_PEOPLE (300), BENCH_DAYS (3650), BENCH_START
# (2020-01-22), BENCH_PAIRS (11), BENCH_DIR (/tmp/healthreport-bench: the
# stores, reused when built with the same parameters), CARGO_TARGET_DIR;
# BENCH_SMALL (300), BENCH_BIG (30000), BENCH_DISTRICT_DAYS (30) and
# BENCH_DISTRICT_PAIRS (3) for the district; BENCH_BIN, a folder holding
# healthreport and synth already built (no build then).
#
# BENCH_QUICK=1: a run of seconds on tiny stores with the debug build, for
# CI (.ci/run), so that the script itself never rots. It checks that every
# measure runs; its ratios mean nothing and no target is enforced.
set -euo pipefail

cd "$(dirname "$0")/.."
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
    PEOPLE=${BENCH_PEOPLE:-30}
    DAYS=${BENCH_DAYS:-40}
    PAIRS=${BENCH_PAIRS:-1}
    SMALL=${BENCH_SMALL:-30}
    BIG=${BENCH_BIG:-120}
    DDAYS=${BENCH_DISTRICT_DAYS:-5}
    DPAIRS=${BENCH_DISTRICT_PAIRS:-1}
    PROFILE=${BENCH_PROFILE:-debug}
    BASE=${BENCH_DIR:-/tmp/healthreport-bench-quick}
else
    PEOPLE=${BENCH_PEOPLE:-300}
    DAYS=${BENCH_DAYS:-3650}
    PAIRS=${BENCH_PAIRS:-11}
    SMALL=${BENCH_SMALL:-300}
    BIG=${BENCH_BIG:-30000}
    DDAYS=${BENCH_DISTRICT_DAYS:-30}
    DPAIRS=${BENCH_DISTRICT_PAIRS:-3}
    PROFILE=${BENCH_PROFILE:-release}
    BASE=${BENCH_DIR:-/tmp/healthreport-bench}
fi
START=${BENCH_START:-2020-01-22}
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$PWD/$TARGET ;; esac

die() { echo "bench: $*" >&2; exit 1; }

# ---- tools ----
install_pkg() { # command package
    command -v "$1" >/dev/null 2>&1 && return
    echo "bench: installing $2" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq "$2" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
    else
        sudo apt-get install -y -qq "$2" >/dev/null
    fi
    command -v "$1" >/dev/null 2>&1 || die "cannot install $2"
}
install_pkg sqlite3 sqlite3
[ -x /usr/bin/time ] || install_pkg /usr/bin/time time

if [ -n "${BENCH_BIN:-}" ]; then
    # Binaries built elsewhere (e.g. the commit before a change): no build.
    BIN=$BENCH_BIN/healthreport
    SYNTH=$BENCH_BIN/synth
elif [ "$PROFILE" = release ]; then
    echo "bench: building ($PROFILE) in $TARGET" >&2
    CARGO_TARGET_DIR=$TARGET cargo build --release --quiet --example synth
    # The binary as shipped: static, not position-independent (.cargo/config.toml).
    CARGO_TARGET_DIR=$TARGET cargo -q release-static
else
    echo "bench: building ($PROFILE) in $TARGET" >&2
    CARGO_TARGET_DIR=$TARGET cargo build --quiet --bin healthreport --example synth
fi
BIN=${BIN:-$TARGET/$PROFILE/healthreport}
SYNTH=${SYNTH:-$TARGET/$PROFILE/examples/synth}

# ---- the stores ----
LAST=$(date -d "$START + $((DAYS - 1)) days" +%F)
NEXT=$(date -d "$LAST + 1 day" +%F)
MID=$(date -d "$START + $((DAYS / 2)) days" +%F)
DIR=$BASE/p$PEOPLE-d$DAYS-s$START
TEN=$DIR/ten
ONE=$DIR/one
DB=$DIR/records.db
CSV=$DIR/records.csv

if [ ! -e "$DIR/complete" ]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    t0=$EPOCHREALTIME
    "$SYNTH" --store "$TEN" --people "$PEOPLE" --days "$DAYS" --start "$START"
    t1=$EPOCHREALTIME
    echo "bench: synth took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s" >&2
    # The one-day store: the same roster and the very same last day, so a
    # record on the next day carries forward from an identical file.
    mkdir -m 700 -p "$ONE/records/${LAST:0:4}"
    chmod 700 "$ONE" "$ONE/records"
    for f in config.json roster.jsonl journal.jsonl lock; do
        if [ -e "$TEN/$f" ]; then cp -p "$TEN/$f" "$ONE/"; fi
    done
    cp -p "$TEN/records/${LAST:0:4}/$LAST.jsonl" "$ONE/records/${LAST:0:4}/"
    # sqlite3 gets exactly the records our export writes, batch columns.
    "$BIN" --store "$TEN" --quiet export --format csv --encoding utf8 --to "$LAST" >"$CSV"
    sqlite3 "$DB" <<SQL
create table records(date text, person text, name text, temperature real,
  temperature_pm real, symptoms text, location text, contact text,
  observation_since text, isolation text, isolation_since text, work text,
  post text, note text, recorded_at text, recorded_by text);
.import --csv --skip 1 "$CSV" records
create index records_date on records(date);
SQL
    touch "$DIR/complete"
fi
[ -s "$DB" ] || die "no database at $DB"
# The roster as a table, for the counts that need it (expected, departments,
# party members, who is missing). Added to a reused database if missing.
# sqlite3 gets its best index for the one-day questions: (date, person).
sqlite3 "$DB" "create index if not exists records_date_person on records(date, person)"
if ! sqlite3 "$DB" .tables | grep -qw people; then
    "$BIN" --store "$TEN" --quiet --lang en roster --all --format csv --encoding utf8 >"$DIR/roster.csv"
    sqlite3 "$DB" <<SQL
create table people(id text primary key, name text, kind text, of text,
  relation text, dept text, phone text, party text, veteran text, since text,
  until text, removed text);
.import --csv --skip 1 "$DIR/roster.csv" people
SQL
fi
HOME_CITY=$("$BIN" --store "$TEN" config show | sed -n 's/^home_city = //p')
# What `summary --format json` reports for day $1, asked of sqlite3: the
# records table holds the newest version per person and day, as exported.
same_counts_sql() {
    local d=$1
    cat <<SQL
-- Everyone expected that day with their record, if any, found through the
-- (date, person) index; kept once for the questions below.
create temp table j as
  select a.id, a.name, a.kind, a.party, a.dept, r.person is not null as rep,
         r.temperature, r.symptoms, r.location, r.contact, r.isolation,
         r.isolation_since, r.work, r.post, r.note
  from (select p.id, p.name, p.kind, p.party, coalesce(nullif(p.dept, ''), s.dept) as dept
        from people p left join people s on s.id = p.of
        where (p.since = '' or p.since <= '$d') and (p.until = '' or '$d' <= p.until)) a
  left join records r on r.date = '$d' and r.person = a.id;
select kind, count(*), sum(rep), sum(location like '%$HOME_CITY%'),
       sum(rep and location <> '' and location not like '%$HOME_CITY%'),
       sum(temperature >= 37.3), sum(contact = '是'), sum(rep and isolation <> '无'),
       sum(work = '在岗'), sum(work = '居家/弹性'), sum(work = '一线'), sum(work = '休假'),
       sum(work = '一线' and party = 'yes')
  from j group by kind;
select dept, count(*), sum(rep), sum(temperature >= 37.3), sum(contact = '是'),
       sum(rep and isolation <> '无')
  from j group by dept;
select id, name, 'fever' from j where temperature >= 37.3
union all select id, name, 'contact_not_isolated' from j
  where rep and isolation = '无' and (contact = '是' or location like '%湖北%'
        or location like '%武汉%' or location like '%温州%')
union all select id, name, 'isolated_working' from j
  where rep and isolation <> '无' and work in ('在岗', '一线')
union all select id, name, 'isolation_complete' from j
  where rep and isolation <> '无' and date(isolation_since, '+14 days') <= '$d';
select id, name from j where not rep;
SQL
}
same_counts_sql "$MID" >"$DIR/summary.sql"
# The daily report asked of sqlite3: every expected person's row, then the totals.
{
    same_counts_sql "$MID" | sed -n '1,/^  left join records/p'
    cat <<SQL
select * from j;
select count(*), sum(rep), sum(location like '%$HOME_CITY%'), sum(temperature >= 37.3),
       sum(contact = '是'), sum(rep and isolation <> '无') from j;
SQL
} >"$DIR/daily.sql"

# ---- timing ----
# Runs "$@" $REPS times; prints the seconds per run. EPOCHREALTIME needs no
# fork, so the clock costs nothing next to the command.
REPS=1
timed() {
    local t0 t1 i
    t0=$EPOCHREALTIME
    for ((i = 0; i < REPS; i++)); do "$@" >/dev/null; done
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" -v n="$REPS" 'BEGIN { printf "%.6f\n", (b - a) / n }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.6f\n", v[int((NR + 1) / 2)] }'; }

# pair NAME -- ours... -- theirs...: $PAIRS interleaved pairs; sets OURS,
# THEIRS (median seconds per run) and RATIO (median of per-pair ratios).
pair() {
    local -a a=() b=()
    shift # --
    while [ "$1" != -- ]; do a+=("$1"); shift; done
    shift
    b=("$@")
    "${a[@]}" >/dev/null; "${b[@]}" >/dev/null # warm the page cache
    local ta=() tb=() ratios=() i x y
    for ((i = 0; i < PAIRS; i++)); do
        if ((i % 2 == 0)); then x=$(timed "${a[@]}"); y=$(timed "${b[@]}")
        else y=$(timed "${b[@]}"); x=$(timed "${a[@]}"); fi
        ta+=("$x"); tb+=("$y")
        ratios+=("$(awk -v x="$x" -v y="$y" 'BEGIN { printf "%.6f", x / y }')")
    done
    OURS=$(printf '%s\n' "${ta[@]}" | median)
    THEIRS=$(printf '%s\n' "${tb[@]}" | median)
    RATIO=$(printf '%s\n' "${ratios[@]}" | median)
}

# Peak resident memory in KB: the largest of three runs.
peak_kb() {
    local i m best=0 out=$DIR/time.out
    for ((i = 0; i < ${PEAK_RUNS:-3}; i++)); do
        /usr/bin/time -f %M -o "$out" "$@" >/dev/null 2>&1 || die "failed: $*"
        m=$(tail -1 "$out")
        if ((m > best)); then best=$m; fi
    done
    echo "$best"
}

FAILED=0
ROWS=()
row() { # measure ours theirs ratio target verdict
    ROWS+=("$(printf '%-40s %12s %12s %8s %10s  %s' "$@")")
    [ "$6" = PASS ] || FAILED=1
}
ms() { awk -v s="$1" 'BEGIN { printf "%.2f ms", s * 1000 }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "PASS" : "FAIL") }'; }

echo "bench: $PEOPLE people x $DAYS days from $START (last $LAST) in $DIR; $PAIRS pairs" >&2

REPS=20
pair -- "$BIN" --store "$TEN" summary --date "$MID" --format json \
    -- sqlite3 -init "$DIR/summary.sql" "$DB" .quit
row "summary --date $MID (vs the same counts)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.0" "$(verdict "$RATIO" 1.0)"
pair -- "$BIN" --store "$TEN" daily --date "$MID" --format json \
    -- sqlite3 -init "$DIR/daily.sql" "$DB" .quit
row "daily --date $MID (vs the same rows)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.0" "$(verdict "$RATIO" 1.0)"
# v2, start-up: the whole summary against two bare counts, far less than
# the summary says; what is left is mostly starting a process.
pair -- "$BIN" --store "$TEN" summary --date "$MID" --format json \
    -- sqlite3 "$DB" "select count(*), sum(temperature >= 37.3) from records where date = '$MID'"
row "summary (vs count, sum(fever) only)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.0" "$(verdict "$RATIO" 1.0)"

REPS=1
pair -- "$BIN" --store "$TEN" export --format csv --encoding utf8 --to "$LAST" \
    -- sqlite3 -csv "$DB" 'select * from records'
row "export csv, all (vs sqlite3 -csv select *)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 0.5" "$(verdict "$RATIO" 0.5)"

# A record on the day after the last: carry-forward reads the last day's
# file, the same in both stores. Every run is a correction of that record,
# so each store grows by a line a run.
export HEALTHREPORT_NOW="${NEXT}T09:00:00+08:00"
REPS=10
pair -- "$BIN" --store "$TEN" --quiet record S001 --date "$NEXT" --temp 36.6 \
    -- "$BIN" --store "$ONE" --quiet record S001 --date "$NEXT" --temp 36.6
row "record S001 (ten-year vs one-day store)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.2" "$(verdict "$RATIO" 1.2)"
unset HEALTHREPORT_NOW

mem_daily=$(peak_kb "$BIN" --store "$TEN" daily --date "$MID")
mem_export=$(peak_kb "$BIN" --store "$TEN" export --format csv --encoding utf8 --to "$LAST")
mem_sqlite=$(peak_kb sqlite3 -csv "$DB" 'select * from records')
mem_ratio() { awk -v a="$1" -v b="$mem_sqlite" 'BEGIN { printf "%.2f", a / b }'; }
mem_verdict() { awk -v m="$1" 'BEGIN { print (m < 16384 ? "PASS" : "FAIL") }'; }
row "peak memory, daily --date $MID" "$mem_daily KB" "$mem_sqlite KB" "$(mem_ratio "$mem_daily")" "< 16384 KB" "$(mem_verdict "$mem_daily")"
row "peak memory, export (all)" "$mem_export KB" "$mem_sqlite KB" "$(mem_ratio "$mem_export")" "< 16384 KB" "$(mem_verdict "$mem_export")"

# ---- ten years: history, trend, jsonl export, check ----
# sqlite3 keeps the indexes above, on date and (date, person), as SPEC §7
# says; one on person alone would turn its side into a lookup.
sqlite3 "$DB" "drop index if exists records_person"
REPS=1
PERSON=S001
pair -- "$BIN" --store "$TEN" history "$PERSON" --format csv \
    -- sqlite3 -csv "$DB" "select * from records where person = '$PERSON' order by date"
row "history $PERSON (vs select where person)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.0" "$(verdict "$RATIO" 1.0)"
pair -- "$BIN" --store "$TEN" trend --from "$START" --to "$LAST" --format csv \
    -- sqlite3 -csv "$DB" "select date, count(*), sum(temperature >= 37.3), sum(contact = '是'), sum(isolation <> '无') from records group by date"
row "trend, all days (vs group by date)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.0" "$(verdict "$RATIO" 1.0)"
pair -- "$BIN" --store "$TEN" export --format jsonl --to "$LAST" \
    -- sqlite3 -json "$DB" 'select * from records'
row "export jsonl, all (vs sqlite3 -json)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.0" "$(verdict "$RATIO" 1.0)"
check_s=$(timed "$BIN" --store "$TEN" --quiet check)
row "check, all days" "$(ms "$check_s")" "-" "-" "< 1000 ms" "$(verdict "$check_s" 1.0)"

# ---- silent for years: one person whose last record is 9 years old ----
# A copy of the ten-year store (built once beside it) with one more staff
# member, Z001, on the roster since 9 years before the last day (the first
# day in a short store), with one record then and none after. `repair`
# gives the copy its latest.index (a store made before the index existed
# has none; every write keeps it from then on). residents, template and
# Z001's first record of a day cost at most 1.2x the same on the normal
# store (S001's record there).
SILENT=$DIR/silent
SILENT_DAY=$(date -d "$LAST - 9 years" +%F)
if [[ $SILENT_DAY < $START ]]; then SILENT_DAY=$START; fi
RDAY=$(date -d "$NEXT + 1 day" +%F)
export HEALTHREPORT_NOW="${RDAY}T09:00:00+08:00"
if [ ! -e "$DIR/silent-complete" ]; then
    rm -rf "$SILENT"
    cp -a "$TEN" "$SILENT"
    "$BIN" --store "$SILENT" --quiet staff add 静默 --id Z001 --since "$SILENT_DAY"
    "$BIN" --store "$SILENT" --quiet record Z001 --date "$SILENT_DAY" --temp 36.5 --location 北京市
    "$BIN" --store "$SILENT" --quiet repair
    touch "$DIR/silent-complete"
fi
REPS=10
pair -- "$BIN" --store "$SILENT" residents --date "$LAST" \
    -- "$BIN" --store "$TEN" residents --date "$LAST"
row "residents, one silent 9 years (vs none)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.2" "$(verdict "$RATIO" 1.2)"
pair -- "$BIN" --store "$SILENT" template --date "$NEXT" --encoding utf8 \
    -- "$BIN" --store "$TEN" template --date "$NEXT" --encoding utf8
row "template, one silent 9 years (vs none)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.2" "$(verdict "$RATIO" 1.2)"
# Each run the person's first record of $RDAY: the day file, the journal
# and the index are put back between runs (untimed), so no run is a
# correction that never looks back.
rday_file() { echo "$1/records/${RDAY:0:4}/$RDAY.jsonl"; }
keep_state() { # store: saved beside it
    cp -p "$1/journal.jsonl" "$1.journal"
    if [ -e "$1/latest.index" ]; then cp -p "$1/latest.index" "$1.index"; else rm -f "$1.index"; fi
}
put_back() { # store
    cp -p "$1.journal" "$1/journal.jsonl"
    if [ -e "$1.index" ]; then cp -p "$1.index" "$1/latest.index"; fi
    rm -f "$(rday_file "$1")"
}
rm -f "$(rday_file "$SILENT")" "$(rday_file "$TEN")"
keep_state "$SILENT"
keep_state "$TEN"
REPS=1
ta=() tb=() ratios=()
for ((i = 0; i < PAIRS + 1; i++)); do
    put_back "$SILENT"
    put_back "$TEN"
    x=$(timed "$BIN" --store "$SILENT" --quiet record Z001 --date "$RDAY" --temp 36.6)
    y=$(timed "$BIN" --store "$TEN" --quiet record S001 --date "$RDAY" --temp 36.6)
    # The first pair warms the page cache.
    if ((i == 0)); then continue; fi
    ta+=("$x"); tb+=("$y")
    ratios+=("$(awk -v x="$x" -v y="$y" 'BEGIN { printf "%.6f", x / y }')")
done
put_back "$SILENT"
put_back "$TEN"
rm -f "$SILENT.journal" "$SILENT.index" "$TEN.journal" "$TEN.index"
OURS=$(printf '%s\n' "${ta[@]}" | median)
THEIRS=$(printf '%s\n' "${tb[@]}" | median)
RATIO=$(printf '%s\n' "${ratios[@]}" | median)
row "record Z001, silent 9 years (vs S001)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 1.2" "$(verdict "$RATIO" 1.2)"
unset HEALTHREPORT_NOW

# ---- the district: BIG people against SMALL, DDAYS days each ----
# The same synth for both sizes; ratios big/small of interleaved pairs.
district_store() { # people -> path of a DDAYS-day store (built once)
    local d=$BASE/district-p$1-d$DDAYS-s$START
    if [ ! -e "$d/complete" ]; then
        rm -rf "$d"
        mkdir -p "$d"
        "$SYNTH" --store "$d/store" --people "$1" --days "$DDAYS" --start "$START" >&2
        touch "$d/complete"
    fi
    echo "$d"
}
DS=$(district_store "$SMALL")
DB_=$(district_store "$BIG")
DLAST=$(date -d "$START + $((DDAYS - 1)) days" +%F)
DFIRST=$START
echo "bench: district $BIG against $SMALL people, $DDAYS days (last $DLAST)" >&2
# The batch and record runs write; they go to copies, so the stores above
# stay as synth made them and are reused by the next run.
for d in "$DS" "$DB_"; do
    rm -rf "$d/work"
    cp -a "$d/store" "$d/work"
done
S=$DS/work
B=$DB_/work
SAVED_PAIRS=$PAIRS
PAIRS=$DPAIRS
REPS=1
district() { # label -- args...: the same command on both stores
    local label=$1
    shift 2
    pair -- "$BIN" --store "$B" "$@" -- "$BIN" --store "$S" "$@"
    row "$label ($BIG vs $SMALL people)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 150" "$(verdict "$RATIO" 150)"
}
district summary -- summary --date "$DLAST"
district daily -- daily --date "$DLAST"
district missing -- missing --date "$DLAST"
district alerts -- alerts --date "$DLAST"
district template -- template --date "$DLAST" --encoding utf8
district residents -- residents --date "$DLAST"
district "trend, $DDAYS days" -- trend --from "$DFIRST" --to "$DLAST"

# record of one person, on the day after the last: every run a correction.
DNEXT=$(date -d "$DLAST + 1 day" +%F)
export HEALTHREPORT_NOW="$(date -d "$DLAST + 400 days" +%F)T09:00:00+08:00"
REPS=5
pair -- "$BIN" --store "$B" --quiet record S001 --date "$DNEXT" --temp 36.6 \
    -- "$BIN" --store "$S" --quiet record S001 --date "$DNEXT" --temp 36.6
row "record S001 ($BIG vs $SMALL people)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 3" "$(verdict "$RATIO" 3)"

# record --batch: SMALL rows on the small store against BIG/10 rows on the
# big one, each run on a day of its own (the template of that day, its
# first rows, temperature filled in), so no run corrects another's rows.
batch_file() { # store rows day -> file
    local f=$BASE/batch-$2.csv
    "$BIN" --store "$1" --quiet --lang en template --date "$3" --encoding utf8 \
        | head -n $(($2 + 1)) \
        | sed -E '2,$ s/^([^,]*,[^,]*,[^,]*),[^,]*/\1,36.6/' >"$f"
    echo "$f"
}
BROWS=$((BIG / 10))
ta=() tb=() ratios=()
for ((i = 0; i < DPAIRS; i++)); do
    day=$(date -d "$DNEXT + $((i + 1)) days" +%F)
    fb=$(batch_file "$B" "$BROWS" "$day")
    fs=$(batch_file "$S" "$SMALL" "$day")
    x=$(timed "$BIN" --store "$B" --quiet record --batch "$fb" --date "$day")
    y=$(timed "$BIN" --store "$S" --quiet record --batch "$fs" --date "$day")
    ta+=("$x"); tb+=("$y")
    ratios+=("$(awk -v x="$x" -v y="$y" 'BEGIN { printf "%.6f", x / y }')")
done
OURS=$(printf '%s\n' "${ta[@]}" | median)
THEIRS=$(printf '%s\n' "${tb[@]}" | median)
RATIO=$(printf '%s\n' "${ratios[@]}" | median)
row "record --batch ($BROWS vs $SMALL rows)" "$(ms "$OURS")" "$(ms "$THEIRS")" "$RATIO" "<= 20" "$(verdict "$RATIO" 20)"
unset HEALTHREPORT_NOW
PAIRS=$SAVED_PAIRS

# Peak memory of every command at BIG people (one run each).
mem_big() { # label -- args...
    local label=$1 m
    shift 2
    m=$(PEAK_RUNS=1 peak_kb "$BIN" --store "$B" "$@")
    row "peak memory, $label ($BIG people)" "$m KB" "-" "-" "< 65536 KB" \
        "$(awk -v m="$m" 'BEGIN { print (m < 65536 ? "PASS" : "FAIL") }')"
}
mem_big summary -- summary --date "$DLAST"
mem_big daily -- daily --date "$DLAST"
mem_big missing -- missing --date "$DLAST"
mem_big alerts -- alerts --date "$DLAST"
mem_big template -- template --date "$DLAST" --encoding utf8
mem_big residents -- residents --date "$DLAST"
mem_big trend -- trend --from "$DFIRST" --to "$DLAST"
mem_big history -- history S001
mem_big export -- export --format csv --encoding utf8 --to "$DLAST"
mem_big check -- --quiet check

# residents as text: no line wider than the widest data row (a total or
# list cell padded to the widest cell made every line 20,000 wide).
# A row's width does not grow with the store, so the widest line at BIG
# people is held to the widest at SMALL (the same synth households).
widest() { "$BIN" --store "$1" residents --date "$DLAST" | awk '{ n = length($0); if (n > w) w = n } END { print w + 0 }'; }
wb=$(widest "$B")
ws=$(widest "$S")
wr=$(awk -v a="$wb" -v b="$ws" 'BEGIN { printf "%.2f", a / b }')
row "residents text, widest line" "$wb chars" "$ws chars" "$wr" "<= 1.5" "$(verdict "$wr" 1.5)"

echo
printf '%-40s %12s %12s %8s %10s  %s\n' measure ours sqlite3/base ratio target result
for r in "${ROWS[@]}"; do echo "$r"; done
echo
echo "times are medians per run; ratio is the median of $PAIRS per-pair ratios;"
echo "memory baseline is sqlite3 -csv 'select * from records'"
if [ "$QUICK" = 1 ]; then
    echo "BENCH_QUICK: every measure ran; targets are not enforced on tiny stores"
    exit 0
fi
exit "$FAILED"
