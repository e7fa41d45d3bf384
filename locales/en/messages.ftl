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
