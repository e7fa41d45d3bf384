# Messages: confirmations, prompts, warnings and errors.


## Recording (src/cmd/record.rs, src/cmd/interactive.rs)
saved = saved {$id} {$name}: {$what}
saved-on = saved {$id} {$name} on {$date}: {$what}
sum-symptoms = symptoms {$symptoms}
sum-contact = high-risk contact
sum-isolation = {$kind} since {$since}
sum-work-post = {$work} at {$post}
sum-note = note: {$note}
record-needs-args = record needs PERSON and --temp, or --batch FILE
record-dropped-contact = {$id} {$date}: the replaced version had high-risk contact and this one has none; add --contact if it still holds
record-dropped-symptoms = {$id} {$date}: the replaced version had symptoms ({$symptoms}) and this one has none; add --symptom if they still hold
window-from-to = on the roster from {$from} to {$to}
window-from = on the roster from {$from}
window-to = on the roster up to {$to}
record-not-expected = {$id} {$name} is not expected on {$date} ({$window}); change that with `healthreport person edit {$id} --since/--until`
ia-opening = {$date}: {$todo} of {$total} not yet reported. Type the temperature and Enter to keep the values shown; `36.5+` to change them; Enter alone skips; q stops; ? shows the keys. Each record is saved at once.
ia-person = [{$n}/{$of}] {$id} {$name} ({$role}, {$staff})
ia-last = last {$date}: {$temp}; symptoms {$symptoms}; contact {$contact}; isolation {$isolation}; at {$location}; work {$work}
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
batch-is-empty-it-needs = {$what} is empty: it needs a header row
batch-cannot-read = cannot read {$file}
batch-bad-row-line = {"  "}{$file}: {$e}
batch-bad-row-s-listed = {$file}: {$errors} bad row(s) (listed above); nothing was written — fix them and run again
batch-row = row {$row}: {$e}
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
config-about-org = the unit's name, shown in report titles
config-about-home-city = home city: a place containing it is local
config-about-high-risk = high-risk areas, comma-separated: a place containing one is in a high-risk area
config-about-fever-threshold = fever threshold (°C): a temperature at or above it is a fever
config-about-isolation-days = isolation days: how long isolation and medical observation last
config-about-lang = language: zh Chinese, en English
config-about-csv-encoding = CSV encoding: utf8-bom (Excel opens it as it is), utf8 or gbk
config-about-timezone = time zone: local for the machine's, or e.g. +08:00; says which day is today
config-about-clerk = the clerk: shown as who recorded each record
config-about-report-mode = report files' permissions: 0600 only you can read them, 0640 your group too
config-config-unchanged = config {$root} unchanged
export-from-is-after-to = --from {$f} is after --to {$t}
export-wrote-entries = wrote {$path} ({$count} entries)
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
staff-added-staff = added staff {$id} {$name}
template-wrote-people = wrote {$path} ({$people} people)
trend-from-is-after-to = --from {$from} is after --to {$to}
undo-has-no-write-left = nothing left to undo in {$root}
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
output-cannot-tell-the-format = cannot tell the format of {$path} from its extension: add --format text|csv|json|markdown|html|xlsx|pdf
output-cannot-create-a-temporary = cannot create a temporary file in {$dir}
output-cannot-write = cannot write {$path}
output-cannot-replace = cannot replace {$path}
person-bad-kind-use-staff = bad kind '{$text}': use staff/本人 or family/家属
person-bad-relation-use-spouse = bad relation '{$text}': use spouse/配偶, child/子女, parent/父母 or other/其他
person-bad-id-use-up = bad id '{$id}': use up to 32 letters, digits, '-' or '_' (e.g. S012, S012-1)
person-a-name-may-not = a name may not be empty
person-no-person-on-the = no person '{$q}' on the roster: see `healthreport roster --all`
person-no-person-on-the-2 = no person '{$q}' on the roster; did you mean {$close}?
person-people-are-named-give = {$many} people are named '{$q}': {$ids}; give the id instead
person-family-of = family of {$staff}
record-bad-isolation-use-none = bad isolation '{$text}': use none/无, home/居家隔离 or central/集中隔离
record-bad-work-use-on = bad work '{$text}': use on_site/在岗, remote/居家/弹性, frontline/一线 or leave/休假
record-bad-yes-no-use = bad yes/no '{$text}': use yes/是 or no/否
record-bad-temperature-give-c = bad temperature '{$text}': give °C with one decimal, e.g. 36.5
record-an-isolation-start-was = {$who}: an isolation start was given with isolation none
record-isolation-starts-after-the = {$who}: isolation starts {$since}, after the day of the record {$date}
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
lock-the-store-is-busy = the store {$root} is busy: another healthreport has been writing for {$as_secs_f64} s; try again, or look for a hung process
store-cannot-find-a-home = cannot find a home folder for the store; give --store DIR
store-a-store-already-exists = a store already exists at {$root}; its settings can be changed with `healthreport config set`
store-is-not-empty-and = {$root} is not empty and holds no store; choose an empty or new folder
store-torn-last-line-bytes = {$path}:{$line}: torn last line ({$torn} bytes, a write cut off) left out; run `healthreport repair` to quarantine it
store-wrong-entry-run-healthreport = {$path}:{$line}: wrong entry {$id} ({$err}); run `healthreport check`, then `healthreport repair` to quarantine it
store-cannot-open = cannot open {$path}
store-cannot-cut-the-torn = cannot cut the torn line off {$path}
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
undo-preview = the last write, by {$by}, {$at} ({$kind}, {$count} { $count ->
        [one] entry
       *[other] entries
    }):
undo-line-roster = {"  "}roster: {$id} {$name}
undo-line-post = {"  "}post { $op ->
    [add] added
   *[edit] edited
}: {$id} {$name}{ $shown ->
    [0] {""}
   *[other] {" "}({$details})
}
undo-post-community = community
undo-post-contact = contact
undo-post-phone = phone
undo-line-supply = {"  "}supplies: {$item} at {$post}, { $op ->
    [resolve] solved on {$date}{ $named ->
        [0] {""}
       *[other] {" "}by {$by}
    }
   *[report] short on {$date}: need {$need}{$unit}, have {$have}{$unit}
}
undo-line-other = {"  "}{$file}: {$line}
undo-preview-line = {"  "}{$id} {$name} on {$date}: {$what}
undo-unnamed = no name given
undo-withdrawal = withdrawal: {$reason}
undo-needs-yes = undo asks before it withdraws anything: add --yes to confirm when not at a terminal
undo-ask = Undo it? [y/N]
repair-repaired-line-s-moved = repaired {$root}: {$moved} line(s) moved to {$quarantine}, {$chmods} mode(s) fixed
repair-repaired-and-ended = repaired {$root}: {$moved} line(s) moved to {$quarantine}, {$chmods} mode(s) fixed, the quarantine file's torn line ended
repair-left-as-is = left as is: {$problem}
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
roster-row-columns-and-another = {$what}: row 1: columns '{$i}' and another mean the same ({$zh}); keep one
pdf-browser-not-found-give = browser {$path} not found: give the full path of Chromium, Chrome or Edge with --browser
pdf-cannot-create-a-temporary = cannot create a temporary folder to print in
pdf-cannot-write = cannot write {$html}
pdf-cannot-start = cannot start {$browser}
pdf-did-not-finish-printing = {$browser} did not finish printing in {$as_secs} s; try again, or write .html and print it from a browser
pdf-made-no-pdf-try = {$browser} made no PDF ({$status}): {$last}; try --browser with another Chromium or Chrome
xlsx-cannot-name-the-sheet = cannot name the sheet {$name}
xlsx-cannot-build-the-workbook = cannot build the workbook
xlsx-cannot-build-a-drop = cannot build a drop-down list
xlsx-cannot-write-the-date = cannot write the date {$d} in a workbook
xlsx-too-many-rows = the table has more rows than an Excel sheet holds ({$max} rows): export in parts with --from and --to, or as CSV
sheet-cannot-read = cannot read {$what}
sheet-is-csv-sheet-is = {$what} is CSV: --sheet is for a workbook (.xlsx)
sheet-cannot-read-the-workbook = cannot read the workbook {$what}: save it from Excel as .xlsx and try again
sheet-has-no-sheet-its = {$what} has no sheet '{$s}'; its sheets are: {$names}
sheet-has-no-sheets = {$what} has no sheets
sheet-cannot-read-sheet-of = cannot read sheet '{$name}' of {$what}
sheet-sheet-row-column = {$what}: sheet '{$name}' row {$number} column {$j}
sheet-sheet-is-empty-it = {$what}: sheet '{$name}' is empty: it needs a header row
sheet-the-cell-holds-the = the cell holds the spreadsheet error {$e}: fix or clear it
sheet-columns-not-used-ignored = {$what}: columns not used, ignored: {$others}
sheet-ignored-id-card-numbers = {$what}: {$ids} ignored: ID-card numbers are never read or stored
output-binary-to-terminal = a workbook or PDF is not for the terminal: write it to a file with -o FILE.xlsx or -o FILE.pdf
pdf-no-browser = no Chromium, Chrome or Edge found to make the PDF: install one (e.g. `apt-get install chromium`) or name it with --browser PATH; or write .html and print it from a browser
config-in-file = in {$path}
batch-column = column {$column}
batch-row-not-valid-csv-2 = {$what}: row {$last_row}: not valid CSV
trend-from-to-spans-days = --from {$from} --to {$to} spans {$days} days; a trend covers at most {$MAX_DAYS} days (ten years): narrow the range
undo-nothing-undone-run-healthreport = nothing undone: {$recovered}; run `healthreport undo` again to take back the write before it
undo-settings-back-to = {"  "}settings back to: {$was}
csvio-row-byte-offset-byte = {$what}: row {$row}, byte offset {$bad}: byte 0x{$bad2} is not UTF-8, though the rest of the file is UTF-8; fix that cell (or give --encoding gbk if the file really is GBK)
output-cannot-read = cannot read {$path}
output-is-a-symbolic-link = {$path} is a symbolic link to nothing (dangling); point it at a file or give another --output
output-is-a-folder-give = {$path} is a folder; give a file name for --output
output-is-read-only-it = {$path} is read-only; it was left as it is: make it writable (chmod u+w) or give another --output
output-cannot-set-the-mode = cannot set the mode of {$path}
config-bad-report-mode-give = bad report_mode '{$value}': give octal permission bits with read and write for the owner and no execute bits, e.g. 0600 or 0640
fsutil-is-a-symbolic-link = {$path} is a symbolic link; the store's files are never followed through links: replace it with the file itself
fsutil-cannot-give-the-owner = cannot give {$path} the owner of its folder {$dir}
fsutil-cannot-create = cannot create {$path}
fsutil-is-not-a-regular = {$path} is not a regular file; the store only writes its own files
journal-line-from-the-end = {$shown}: line {$from_end} from the end is corrupt; run `healthreport check`, then `healthreport repair`
lock-healthreport-lock-timeout-is = HEALTHREPORT_LOCK_TIMEOUT={$text} is not a number of seconds from 0 to {$MAX_WAIT_SECS}; set it to e.g. 5 or unset it
lock-cannot-open-the-store = cannot open the store folder {$root}
lock-cannot-lock-2 = cannot lock {$root}
store-store-is-empty-give = --store is empty: give the store folder
store-healthreport-store-is-set = HEALTHREPORT_STORE is set but empty: set it to the store folder, or unset it
store-cannot-make-private = cannot make {$root} private (0700)
store-a-torn-last-line-2 = {$path}: a torn last line (a write cut off) was moved to {$quarantine_path} before writing
records-temperature-is-outside-to = temperature {$t} is outside {$min_temp} to {$max_temp} °C
records-isolation-starts-after-the = isolation starts {$since}, after the day of the record
tx-a-store-line-must = a store line must be a JSON object
tx-config-json-is-not = config.json is not UTF-8
tx-cannot-write-the-journal = cannot write the journal, so nothing was written
tx-nothing-of-this-write = nothing of this write was kept
tx-what-was-written-is = what was written is left out of every report and will be rolled back by the next command or `healthreport repair` ({$again})
tx-is-not-a-store = {$rel} is not a store file a write may append to
tx-the-last-line-is = {$path}: the last line is corrupt, so whether the last write finished is unknown; run `healthreport repair`
tx-the-last-line-of = the last line of {$path} was cut off by a crash; it was moved to {$quarantine_path}
tx-the-write-begun-by = the write begun {$unwrap_or_default} by {$as_deref} ({$as_deref2}) did not finish; it was rolled back and nothing of it counts
tx-cannot-remove = cannot remove {$path}
tx-is-shorter-than-before = {$path} is shorter than before this write
tx-cannot-take-the-unfinished = cannot take the unfinished write off {$path}
tx-a-line-of-the = {$rel}: a line of the write to undo does not read
text-a-bidi-control-u = a bidi control U+{$c}
text-a-control-character-u = a control character U+{$c}
text-bad-it-holds-character = bad {$field}: it holds {$c} (character {$chars}); type it without
undo-kind-staff-add = staff add
undo-kind-family-add = family add
undo-kind-person-edit = person edit
undo-kind-person-leave = person leave
undo-kind-roster-import = roster import
undo-kind-config-set = config set
text-char-tab = a tab
text-char-lf = a line break (LF)
text-char-cr = a carriage return (CR)
text-char-esc = an escape character (ESC)
text-char-nul = a NUL character
text-char-del = a DEL character
cmd-has-records-outside-the = {$id} {$name} has records outside the new window, on {$outside}; they would drop out of the reports: add --force to change it anyway
cmd-records-of-are-now = {$id} {$name}: records of {$outside} are now outside the window and out of the reports
cmd-every-day-up-to = every day up to {$to}
cmd-this-changes-the-past = {$id} {$name}: this changes the past reports of {$spans}
person-give-the-reason-with = give the reason with --reason (e.g. entered twice)
person-has-family-on-the = {$id} {$name} has family on the roster ({$family}); remove them first
person-removed-from-every-report = removed {$id} {$name} from every report; their records stay in the store (`healthreport undo` brings them back)
record-has-no-record-on = {$id} {$name} has no record on {$date}: give the temperature with --temp
record-under-observation-since = under observation since {$since}
record-has-no-record-on-2 = {$who} has no record on {$date} to add to: give the temperature
record-temperature-is-outside-to = {$who}: temperature {$t} is outside {$MIN_TEMP} to {$MAX_TEMP} °C
record-an-isolation-start-was-3 = {$who}: an isolation start was given but the person is not isolated; give the isolation too (home or central)
record-post-is-for-frontline-2 = {$who}: post '{$p}' is for frontline work, but work is {$recorded}; give work frontline or leave the post empty
record-observation-starts-after-the = {$who}: observation starts {$since}, after the day of the record {$date}
undo-kind-person-remove = person remove
ia-last-temp = {$temp}℃
ia-last-temps = {$am}℃/{$pm}℃
ia-opening-pm = {$date}: {$todo} of {$total} need an afternoon temperature (under observation or isolated). Type it and Enter; Enter alone skips; q stops; ? shows the keys. Each reading is saved at once.
ia-end-pm = saved {$saved}, skipped {$skipped}{ $skipped ->
        [0] {""}
       *[other] : {$names}
    }; {$left} still without an afternoon temperature on {$date}
record-work-not-recorded = not recorded
cmd-day-span = {$from} to {$to}
roster-line-namesake = {$line} (another person of that name: {$others})
cmd-is-on-the-roster-2 = {$name} is on the roster already: {$same}; add --same-name if this is another person
record-replaced-the-version-recorded = {"  "}replaced the version recorded {$m} ({$old})
record-replaced-the-version-recorded-2 = {"  "}replaced the version recorded {$m} by {$recorded_by} ({$old})
roster-id-is-removed-as = id {$id} is {$name}, removed as entered by mistake: leave the row out, or give the person a new id
roster-is-on-an-earlier = {$existing} is on an earlier row of this file: fill in 编号/id to tell the rows apart
roster-people-are-named-fill = {$many} people are named {$name}: {$who}; fill in 编号/id to say which
person-dept-household = {$id} {$name} (dept {$dept}, household {$household})
roster-was-removed-from-the = {$id} {$name} was removed from the roster as entered by mistake ({$unwrap_or_default}): see `healthreport roster --all`

## Posts and supplies (src/post.rs, src/cmd/post.rs, src/cmd/supplies.rs, src/store/posts.rs)
post-event-incomplete = an add or edit without a post id and name
post-unknown = no post '{$post}' is registered: add it with `healthreport post add {$post}`
post-unknown-close = no post '{$post}' is registered; did you mean {$close}? (`healthreport post list` shows them all)
post-recorded-unregistered = post '{$post}' is not registered; recorded as typed (the ledger marks it unregistered): add it with `healthreport post add {$post}`
post-recorded-unregistered-close = post '{$post}' is not registered; recorded as typed. Did you mean {$close}? Correct it with `healthreport record`, or add it with `healthreport post add {$post}`
text-control = bad {$what} '{$text}': it holds a control character
field-community = community
field-contact = contact
field-phone = phone
field-post-name = post name
field-item = item
field-unit = unit
field-note = note
field-solver = --by
supply-event-incomplete = a report or resolve without date, post and item
supply-event-no-need = a report without the quantity needed
quantity-negative = {$flag} {$text}: a quantity may not be negative
quantity-whole = {$flag} {$text}: give a whole number (count boxes or bottles with --unit)
quantity-not-number = {$flag} '{$text}' is not a number: give a whole number such as 500
post-exists = post '{$name}' is already registered as {$id} {$existing}; change it with `healthreport post edit {$id}`
post-added = added post {$id} {$name}
post-name-taken = another post is named '{$name}': {$id} {$existing}; choose another name
post-nothing-to-change = nothing to change for post {$id} {$name}: give --name, --community, --contact or --phone with a new value
post-changed = changed post {$id} {$name}
item-empty = --item may not be empty: name the item, e.g. --item 口罩
supplies-corrected = corrected the shortage of {$item} at {$post} on {$date}: need {$need}, have {$have}, short {$gap} (was need {$old_need}, have {$old_have})
supplies-recorded = recorded the shortage of {$item} at {$post} on {$date}: need {$need}, have {$have}, short {$gap}
supplies-covered = what is on hand covers the need: the table lists it with a shortage of 0
supplies-nothing-to-resolve = no shortage of {$item} was reported for {$post} on or before {$date}, so there is nothing to resolve; see `healthreport supplies --date {$date}`
supplies-already-resolved = the shortage of {$item} at {$post} was already resolved on {$date}; report it again with `healthreport supplies report` if it is short again
supplies-resolved = resolved the shortage of {$item} at {$post} on {$date}
frontline-from-is-after-to = --from {$from} is after --to {$to}
export-all-versions-records = --all-versions is for records: `export --what supplies` already lists every report and resolution
events-wrong-line = {$path}:{$line}: wrong event ({$error}); run `healthreport check`, then `healthreport repair` to quarantine it
check-wrong-event = wrong event ({$error})
check-wrong-event-why = wrong event: {$error}
undo-kind-post = post
undo-kind-supplies = supplies
frontline-totals = Totals: people who served {$people}, Party members among them {$party}; person-days {$days}; posts {$posts}.
posts-unregistered = Posts used in records but not registered (register them with post add): {$posts}
supplies-item-unit = {$item} ({$unit})
supplies-solved-on = solved on {$date}
supplies-totals = Totals: shortages {$rows}, unsolved {$unsolved}, solved {$solved}.
undo-kind-chat = roll-call (接龙)

## record --chat: the WeChat roll-call (src/chat/, src/cmd/chat.rs)
chat-list-sep = {", "}
chat-or-sep = {" or "}
chat-no-name = no name from the roster
chat-unknown-name = '{$written}' is not on the day's roster
chat-unknown-name-closest = '{$written}' is not on the day's roster; closest: {$closest}
chat-ambiguous-name = '{$written}' could be several people: {$candidates}; write the full name, and for people of the same name their id after it, e.g. '{$written} (S001)'
chat-no-temperature = no temperature for {$name}
chat-temperature-decimal = temperature {$written} is outside {$min} to {$max} °C; did you mean {$meant}?
chat-temperature-fahrenheit = temperature {$written} looks like °F, which is {$celsius} °C
chat-temperature-outside = temperature {$written} is outside {$min} to {$max} °C
chat-temperature-incomplete = temperature {$written} is incomplete
chat-relation-without-name = '{$word}' comes before any staff name
chat-no-such-relation = the roster has no '{$word}' in {$staff}'s household
chat-ambiguous-relation = '{$word}' could be {$names}; write the name
chat-two-temperatures = two temperatures for {$name}
chat-cannot-read = cannot read {$what}
chat-cannot-read-stdin = cannot read the roll-call from standard input
chat-standard-input = standard input
chat-cut-off = {$why} (the list seems cut off here; copy all of it)
chat-nothing-to-record = {$what}: nothing to record (see the preview above); nothing was written
chat-dry-run = dry run: nothing was written
chat-not-written = nothing was written
chat-recorded = recorded {$n} record(s) for {$date}; `healthreport undo` takes them back
chat-no-such-day = {$what}:{$line}: '{$text}' names a day that does not exist; correct it and run again
chat-other-day = {$what}:{$line}: the roll-call is for {$header} but --date says {$date}; was another day's list pasted? Fix --date or paste that day's list
chat-needs-yes = a roll-call is written only when confirmed: add --yes when not at a terminal (or when the text comes through a pipe)
chat-confirm = Write these {$n} record(s)? [y/N]
chat-preview-count = {$n} record(s), {$corrections} of them correcting a record already in the store for the day.
chat-section-empty = {$heading} {$nothing}
chat-remark-closest = written '{$written}', taken as the closest name
chat-remark-replaces = replaces line {$line}
chat-remark-corrects = corrects the day's record
chat-problem-line = {"  "}line {$line} '{$text}': {$why}
chat-chase-line = {"  "}line {$line} {$names}: '{$text}'
chat-missing-line = {"  "}{$head}'s household: {$names}
chat-reminder-done = Everyone has reported for {$day}, thank you
chat-reminder = {$at} please add your line to the roll-call with your own and your family's temperatures ({$day})
chat-starter-title = {$date} temperature roll-call (you and your family)
chat-starter-example = e.g. 张三 36.5 spouse 36.4 son 36.6 normal
report-chat-format-only = --format chat is for `missing` and `template` only
check-index-garbled = not a whole index: lookups ignore it and read the day files; `repair` rebuilds it
check-index-differs = the index says an earlier day than the day files (first {$person}: index {$indexed}, day files {$actual}): lookups could miss records; `repair` rebuilds it
repair-rebuilt-index = rebuilt the index {$path} from the day files
