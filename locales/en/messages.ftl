# Messages: confirmations, prompts, warnings and errors.

man-name = NAME
man-synopsis = SYNOPSIS
man-description = DESCRIPTION
man-options = OPTIONS
man-subcommands = SUBCOMMANDS
man-version = VERSION

## Recording (src/cmd/record.rs, src/cmd/interactive.rs)
saved = saved {$id} {$name}: {$what}
saved-on = saved {$id} {$name} on {$date}: {$what}
sum-symptoms = symptoms {$symptoms}
sum-contact = high-risk contact
sum-isolation = {$kind} since {$since}
sum-work-post = {$work} at {$post}
sum-note = note: {$note}
record-needs-args = record needs PERSON and --temp, or --batch FILE
record-replaced = replaced the version recorded {$at} by {$by} ({$what})
journal-not-written = saved, but the journal could not be written, so `undo` will not find this write: {$error}
record-dropped-contact = {$id} {$date}: the replaced version had high-risk contact and this one has none; add --contact if it still holds
record-dropped-symptoms = {$id} {$date}: the replaced version had symptoms ({$symptoms}) and this one has none; add --symptom if they still hold
window-from-to = on the roster from {$from} to {$to}
window-from = on the roster from {$from}
window-to = on the roster up to {$to}
record-not-expected = {$id} {$name} is not expected on {$date} ({$window}); change that with `healthreport person edit {$id} --since/--until`
ia-opening = {$date}: {$todo} of {$total} not yet reported. Type the temperature and Enter to keep the values shown; `36.5+` to change them; Enter alone skips; q stops; ? shows the keys. Each record is saved at once.
ia-person = [{$n}/{$of}] {$id} {$name} ({$role}, {$staff})
ia-last = last {$date}: {$temp}℃; symptoms {$symptoms}; contact {$contact}; isolation {$isolation}; at {$location}; work {$work}
ia-last-isolation = {$kind} since {$since}, ends {$ends}, day {$day} today
ia-last-work-post = {$work} at {$post}
ia-keys =
    {"  "}Keys:
    {"    "}36.5     save the temperature, keep the other values
    {"    "}36.5+    save the temperature and change the others one by one (Enter keeps the value shown)
    {"    "}Enter    skip this person (listed at the end)
    {"    "}q        stop (everything saved stays)
    {"    "}?        show these keys
ia-skipped = skipped {$id} {$name}
ia-try-again = {$error}; try again
ia-bad-choice = '{$value}' is not one of: {$choices}
ia-yes-or-no = answer Y (yes) or n (no)
ia-current = { " " }(now {$value})
ia-confirm-fever = {$temp}℃ is a fever, right? [Y/n]
ia-confirm-low = {$temp}℃ is low, right? [Y/n]
ia-confirm-digits = {$temp}℃? [Y/n]
ia-choices-yes-no = yes/no
ia-choices-isolation = none/home/central
ia-choices-work = on_site/remote/frontline/leave
ia-end = saved {$saved}; { $left ->
        [one] one person is
       *[other] {$left} people are
    } still not reported on {$date} (see `healthreport missing`)
ia-end-skipped = saved {$saved}, skipped {$skipped}: {$names}; { $left ->
        [one] one person is
       *[other] {$left} people are
    } still not reported on {$date} (see `healthreport missing`)

## Errors and warnings (src/lib.rs)
error = error: {$message}
warning = warning: {$message}
error-chain-sep = { ": " }
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it exists already
io-would-block = it is in use
io-invalid-data = invalid data
io-unexpected-eof = the file ends too early
io-storage-full = the disk is full or the file too large
io-read-only = the disk is read-only
io-not-a-directory = not a folder
io-is-a-directory = a folder, not a file
io-directory-not-empty = the folder is not empty
io-broken-pipe = the output was closed
io-interrupted = interrupted
io-other = system error {$code} ({$text})
json-error = {$detail}
csv-error-at = not valid CSV (line {$line})
csv-error = not valid CSV
batch-row-column-appears-twice = row 1: column '{$i}' appears twice
batch-row-no-person-column = row 1: no person column: the header needs 编号/person or 姓名/name (see `healthreport template`)
batch-is-in-the-future = {$date} is in the future (today is {$today})
batch-no-person-fill-in = no person: fill in 编号/person or 姓名/name
batch-bad-op-use-record = bad op '{$op}': use record or void
batch-bad-recorded-at-use = bad recorded_at '{$t}': use RFC 3339, e.g. 2020-02-18T08:00:00+08:00
batch-row-unknown-column-s = row 1: unknown column(s) {$unknown}; the columns are those `{$writer}` writes
batch-row-not-valid-csv = {$what}: row {$i}: not valid CSV
batch-is-empty-it-needs = {$what} is empty: it needs a header row
batch-cannot-read = cannot read {$file}
batch-bad-row-s-listed = {$file}: {$errors} bad row(s) (listed above); nothing was written — fix them and run again
batch-row = row {$row}: {$e}
batch-while-writing-the-days = while writing {$date}; the days before it were written
batch-dry-run-nothing-was = dry run: nothing was written
batch-row-2 = row {$n}: {$e}
batch-is-not-is-the = {$id} is {$name}, not {$name_2}: is the row shifted?
batch-has-no-record-on = {$id} {$name} has no record on {$date} to withdraw
batch-a-withdrawal-needs-a = a withdrawal needs a reason (原因/reason column)
batch-undo-rows-are-not = undo rows are not imported; use `healthreport undo`
check-cannot-write-the-report = cannot write the report
check-store-ok-days-entries = store OK: {$days} days, {$entries} entries, {$people} people
check-problem-s-in-the = 1 problem(s) in the store {$root}: its format is newer than this healthreport knows; upgrade healthreport (nothing past config.json was checked, nothing was changed)
check-problem-s-in-the-2 = {$n} problem(s) in the store {$root}: run `healthreport repair` to fix them (bad lines go to quarantine.jsonl; nothing is deleted)
check-problem-s-in-the-3 = {$by_hand} problem(s) in the store {$root}, to fix by hand as said above; `healthreport repair` leaves them
check-problem-s-in-the-4 = {$n} problem(s) in the store {$root}: run `healthreport repair` for the {$fixable} it fixes (bad lines go to quarantine.jsonl; nothing is deleted); the other {$by_hand} are to fix by hand as said above
config-config-unchanged = config {$root} unchanged
export-from-is-after-to = --from {$f} is after --to {$t}
export-wrote-entries = wrote {$path} ({$count} entries)
export-an-export-worker-stopped = an export worker stopped before {$batch}
family-added-of = added {$id} {$name} ({$relation} of {$id2} {$name2})
init-created-a-store-at = created a store at {$root}
cmd-wrote = wrote {$path}
cmd-cannot-read-the-roster = cannot read the roster of {$root}
person-is-family-and-counts = {$who} is family and counts under their staff member's department; edit the staff member instead
person-is-staff-a-relation = {$who} is staff: a relation is for family members
person-until-is-before-since = {$who}: until {$u} is before since {$s}
person-nothing-to-change = {$who}: nothing to change
person-updated = updated {$id} {$name}
person-only-starts-on-cannot = {$id} {$name} only starts on {$on}: cannot leave on {$on_3}
person-is-expected-up-to = {$id} {$name} is expected up to {$on} and no longer after
repair-ended-the-torn-last = ended the torn last line {$path}:{$line} with a newline
repair-changed-while-it-was = {$path} changed while it was being repaired; nothing was moved from it; run `healthreport repair` again
repair-the-bad-lines-are = the bad lines are saved in {$quarantine}
repair-moved = moved {$path}:{$line} ({$why}) → {$quarantine}
repair-cannot-change-the-mode = cannot change the mode of {$path}
repair-chmod-was = chmod {$to} {$path} (was {$from})
repair-nothing-to-repair = nothing to repair: {$after}
repair-problem-s-left-in = {$problems} problem(s) left in the store {$root} that `healthreport repair` does not fix; fix them by hand as said above
repair-is-now-owned-by = {$path} is now owned by you, not by user {$uid} as before ({$e}); run `chown {$uid}:{$gid} {$path}` as root
roster-row-no-name-column = {$what}: row 1: no 姓名/name column
roster-would-add-update-unchanged = {$what}: would add {$added}, update {$updated}; {$unchanged} unchanged
roster-added-updated-unchanged = {$what}: added {$added}, updated {$updated}; {$unchanged} unchanged
roster-is-family-not-staff = {$id} {$name} is family, not staff: 所属职工/of must be a staff member
roster-is-family-fill-in = {$name} is family: fill in 所属职工/of
roster-is-family-fill-in-2 = {$name} is family: fill in 关系/relation
roster-is-staff-of-and = {$name} is staff: 所属职工/of and 关系/relation are for family
roster-is-family-and-counts = {$name} is family and counts under their staff member's department: leave 部门/dept empty
roster-until-is-before-since = until {$u} is before since {$s}
roster-is-on-the-roster = {$id} is {$kind} on the roster: the kind cannot change
roster-id-appears-on-an = id {$id} appears on an earlier row of this file
roster-is-on-the-roster-2 = {$name} is on the roster already as {$id}: fill in 编号/id to update them
staff-added-staff = added staff {$id} {$name}
template-wrote-people = wrote {$path} ({$people} people)
trend-from-is-after-to = --from {$from} is after --to {$to}
undo-has-no-write-left = {$by} has no write left to undo in {$root}
undo-the-last-write-of = the last write of {$by} is already undone
undo-and-more = {"  "}… and {$targets} more
undo-nothing-undone = nothing undone
undo-undone-the-entries-stay = undone; the entries stay in the store (see `healthreport history`)
void-reason-may-not-be = --reason may not be empty: say why the record is withdrawn
void-has-no-record-on = {$id} {$name} has no record on {$date} to withdraw
void-withdrew-the-record-of = withdrew the record of {$id} {$name} on {$date} ({$old}); it stays in `healthreport history`
csvio-bad-csv-encoding-use = bad CSV encoding '{$text}': use utf8-bom, utf8 or gbk
csvio-is-not-valid-utf = {$what} is not valid UTF-8 (at byte {$valid_up_to}); if Excel saved it, try --encoding gbk
csvio-is-neither-utf-nor = {$what} is neither UTF-8 nor GBK/GB18030; save it as CSV UTF-8 and try again
dates-bad-timezone-use-local = bad timezone '{$text}': use `local` or a fixed offset such as +08:00
dates-bad-healthreport-now-use = bad HEALTHREPORT_NOW '{$fake}': use RFC 3339, e.g. 2020-02-18T07:00:00+08:00
dates-bad-date-use-today = bad date '{$text}': use 2020-02-18, 2020/2/18, 20200218, today or yesterday
dates-no-such-day = no such day: '{$text}'
dates-is-in-the-future = {$date} is in the future (today is {$today}): records are for days that have begun
output-cannot-tell-the-format = cannot tell the format of {$path} from its extension: add --format text|csv|json|markdown|html
output-cannot-write-the-report = cannot write the report to {$path}
output-cannot-create-a-temporary = cannot create a temporary file in {$dir}
output-cannot-write = cannot write {$path}
output-cannot-replace = cannot replace {$path}
person-bad-kind-use-staff = bad kind '{$text}': use staff/本人 or family/家属
person-bad-relation-use-spouse = bad relation '{$text}': use spouse/配偶, child/子女, parent/父母 or other/其他
person-bad-id-use-up = bad id '{$id}': use up to 32 letters, digits, '-' or '_' (e.g. S012, S012-1)
person-a-name-may-not = a name may not be empty
person-bad-name-it-holds = bad name '{$escape_debug}': it holds a control character
person-no-person-on-the = no person '{$q}' on the roster: see `healthreport roster --all`
person-no-person-on-the-2 = no person '{$q}' on the roster; did you mean {$close}?
person-people-are-named-give = {$many} people are named '{$q}': {$ids}; give the id instead
person-family-of = family of {$staff}
record-bad-isolation-use-none = bad isolation '{$text}': use none/无, home/居家隔离 or central/集中隔离
record-bad-work-use-on = bad work '{$text}': use on_site/在岗, remote/居家/弹性, frontline/一线 or leave/休假
record-bad-yes-no-use = bad yes/no '{$text}': use yes/是 or no/否
record-bad-temperature-give-c = bad temperature '{$text}': give °C with one decimal, e.g. 36.5
record-temperature-is-outside-to-2 = {$who}: temperature {$temperature} is outside {$MIN_TEMP} to {$MAX_TEMP} °C
record-an-isolation-start-was = {$who}: an isolation start was given with isolation none
record-an-isolation-start-was-2 = {$who}: an isolation start was given but the person is not isolated; add --isolation home or central
record-isolation-starts-after-the = {$who}: isolation starts {$since}, after the day of the record {$date}
record-post-is-for-frontline = {$who}: post '{$p}' is for frontline work, but work is {$recorded}; add --work frontline
record-is-family-work-and = {$who} is family: work and post are recorded for staff only
check-no-store-at-run = no store at {$root}: run `healthreport init --store {$root}` first
check-store-format-is-newer = store format {$v} is newer than this healthreport knows ({$FORMAT_VERSION}): upgrade healthreport; nothing else was checked and nothing was changed
check-repair-leaves-it = {$error}; `repair` leaves it
check-cannot-read-its-details = cannot read its details: {$e}
check-mode-is-should-be = {$kind} mode is {$mode}, should be {$want} (health data, for its owner only); `repair` sets it
check-day-file-in-the = day file in the wrong year folder: reports look for it at {$home}, so they never read it; `repair` leaves it: move it there by hand (append its lines if that file exists)
check-wrong-entry = wrong entry ({$e})
check-wrong-entry-2 = wrong entry: {$e}
check-entry-is-for-who = entry {$id} is for {$person}, who is not on the roster, so reports leave it out; `repair` leaves it: add the person with `healthreport staff add NAME --id {$person}` (or `family add … --id {$person}`)
check-cannot-list-the-folder = cannot list the folder: {$e}
check-repair-moves-it-to = {$what}; `repair` moves it to {$QUARANTINE_FILE}
check-corrupt-line = corrupt line ({$e})
check-corrupt-line-2 = corrupt line: {$e}
config-bad-it-holds-a = bad {$key}: it holds a control character
config-is-not-valid-json = {$path} is not valid JSON; fix it by hand or restore it
config-has-store-format-newer = {$path} has store format {$v}, newer than this healthreport knows ({$FORMAT_VERSION}); upgrade healthreport (the store was left untouched)
config-has-no-format-version = {$path} has no format_version: is this a healthreport store?
config-holds-a-bad-setting = {$path} holds a bad setting; see `healthreport config set`
config-fever-threshold-is-outside = fever_threshold {$fever_threshold} is outside 35.0 to 42.0
config-isolation-days-is-outside = isolation_days {$isolation_days} is outside 1 to 60
config-bad-fever-threshold-give = bad fever_threshold '{$value}': give °C, e.g. 37.3
config-bad-fever-threshold-give-2 = bad fever_threshold '{$value}': give °C from 35.0 to 42.0, e.g. 37.3
config-bad-isolation-days-give = bad isolation_days '{$value}': give whole days from 1 to 60, e.g. 14
config-bad-lang-use-zh = bad lang '{$value}': use zh or en
config-format-version-is-the = format_version is the store's own; it cannot be set
config-unknown-setting-the-settings = unknown setting '{$key}': the settings are {$keys}
fsutil-cannot-create-folder = cannot create folder {$dir}
fsutil-cannot-sync-folder = cannot sync folder {$dir}
fsutil-cannot-open-for-writing = cannot open {$path} for writing
jsonl-corrupt-line-run-healthreport = {$path}:{$number}: corrupt line ({$e}); run `healthreport check`, then `healthreport repair` to quarantine it
lock-cannot-open-the-lock = cannot open the lock file {$path}
lock-the-store-is-busy = the store {$root} is busy: another healthreport has been writing for {$as_secs_f64} s; try again, or look for a hung process
lock-cannot-lock = cannot lock {$path}
store-cannot-find-a-home = cannot find a home folder for the store; give --store DIR
store-a-store-already-exists = a store already exists at {$root}; its settings can be changed with `healthreport config set`
store-is-not-empty-and = {$root} is not empty and holds no store; choose an empty or new folder
store-torn-last-line-bytes = {$path}:{$line}: torn last line ({$torn} bytes, a write cut off) left out; run `healthreport repair` to quarantine it
store-wrong-entry-run-healthreport = {$path}:{$line}: wrong entry {$id} ({$err}); run `healthreport check`, then `healthreport repair` to quarantine it
store-cannot-open = cannot open {$path}
store-cannot-cut-the-torn = cannot cut the torn line off {$path}
store-a-torn-last-line = {$path}:{$line}: a torn last line (a write cut off) was moved to {$quarantine_path} before writing
store-cannot-list = cannot list {$dir}
records-entry-for-in-the = entry for {$date} in the file of {$file_date}
records-record-without-temperature = record without temperature
records-undo-without-target = undo without target
roster-id-is-taken-by = id {$id} is taken by {$name}; choose another or leave --id out
roster-is-family-not-staff-2 = {$id} {$name} is family, not staff: give the staff member of the household
batch-done = { $dry ->
        [yes] would record
       *[other] recorded
    } {$records} record(s){ $days ->
        [0] {""}
        [1] {" "}for {$from}
       *[other] {" "}for {$from} to {$to}
    } ({$corrections} correction(s)), {$voids} withdrawal(s)
batch-skipped-row-s-without = skipped {$skipped} row(s) without a temperature (not reported): {$shown}
batch-checking-rows = checking rows
undo-kind-record = record
undo-kind-batch = batch
undo-kind-void = withdrawal
undo-kind-undo = undo
undo-preview = last write of {$by}, {$at} ({$kind}, {$count} { $count ->
        [one] entry
       *[other] entries
    }):
undo-preview-line = {"  "}{$id} {$name} on {$date}: {$what}
undo-withdrawal = withdrawal: {$reason}
undo-needs-yes = undo asks before it withdraws anything: add --yes to confirm when not at a terminal
undo-ask = Undo it? [y/N]
repair-repaired-line-s-moved = repaired {$root}: {$moved} line(s) moved to {$quarantine}, {$chmods} mode(s) fixed
repair-repaired-and-ended = repaired {$root}: {$moved} line(s) moved to {$quarantine}, {$chmods} mode(s) fixed, the quarantine file's torn line ended
repair-left-as-is = left as is: {$problem}
record-work-not-recorded = not recorded
check-the-file = the file
check-symlink = a symbolic link: the store holds only plain files and folders; `repair` leaves it: replace it by hand with what it points to
check-torn-end-line = torn last line (a write cut off); `repair` ends it with a newline, keeping every byte
check-torn-last-line-bytes = torn last line ({$bytes} bytes without a newline: a write cut off); `repair` moves it to {$quarantine}
check-torn-whole-line = torn last line ({$bytes} bytes without a newline: a write cut off); `repair` moves it to {$quarantine}; it reads as a whole line, perhaps typed by hand: to keep it instead, add the missing newline by hand
fsutil-cannot-write = cannot write {$path} (nothing was written)
fsutil-cannot-write-partial = cannot write {$path} (the partial line could not be removed; run `healthreport check`)
init-hint-home-city = hint: set the home city so locations count as local: `healthreport config set home_city 北京`
check-records-not-a-folder = not a folder: day files go in records/YYYY/; `repair` leaves it: move it out of the way by hand
check-not-a-year-folder = not a year folder (records/YYYY/): reports never read it; `repair` leaves it: move it out of the store or to where it belongs by hand
check-folder-in-year-folder = a folder inside a year folder: reports never read it; `repair` leaves it: move it out of the store by hand
check-not-a-day-file = not a day file (records/YYYY/YYYY-MM-DD.jsonl): reports never read it; `repair` leaves it: rename it or move it out of the store by hand
check-torn-why = torn last line
record-temp-outside = temperature {$text} is outside {$min} to {$max} °C
record-temp-outside-digits = temperature {$text} is outside {$min} to {$max} °C; did you mean {$meant}?
record-temp-outside-fahrenheit = temperature {$text} is outside {$min} to {$max} °C; that looks like °F, which is {$celsius} °C
roster-line-add = {"  "}add {$id} {$name}
roster-line-update = {"  "}update {$id} {$name}
check-kind-folder = folder
check-kind-file = file
