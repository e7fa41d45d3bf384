# Messages: confirmations, prompts, warnings and errors.

man-name = 名称
man-synopsis = 用法
man-description = 说明
man-options = 选项
man-subcommands = 子命令
man-version = 版本

## Recording (src/cmd/record.rs, src/cmd/interactive.rs)
saved = 已保存 {$id} {$name}：{$what}
saved-on = 已保存 {$id} {$name} {$date}：{$what}
sum-symptoms = 症状：{$symptoms}
sum-contact = 接触高风险地区人员
sum-isolation = {$kind}（{$since} 起）
sum-work-post = {$work}（{$post}）
sum-note = 备注：{$note}
record-needs-args = record 需要人员和 --temp，或 --batch 文件
record-replaced = 已替换 {$by} 于 {$at} 填报的版本（{$what}）
journal-not-written = 已保存，但操作日志写不进去，所以 undo 找不到这次写入：{$error}
record-dropped-contact = {$id} {$date}：被替换的版本有高风险接触，这次没有；如仍有接触，请加 --contact
record-dropped-symptoms = {$id} {$date}：被替换的版本有症状（{$symptoms}），这次没有；如症状仍在，请加 --symptom
window-from-to = 在册期间 {$from} 至 {$to}
window-from = 自 {$from} 起在册
window-to = 在册至 {$to}
record-not-expected = {$id} {$name} 在 {$date} 不需填报（{$window}）；可用 healthreport person edit {$id} --since/--until 修改
ia-opening = {$date}：共 {$total} 人，{$todo} 人尚未填报。输入体温后回车，其他值沿用显示的；输入 36.5+ 可修改其他值；直接回车跳过此人；q 结束；? 查看按键。每条记录输入后立即保存。
ia-person = [{$n}/{$of}] {$id} {$name}（{$role}，{$staff}）
ia-last = 上次 {$date}：体温 {$temp}℃；症状 {$symptoms}；接触 {$contact}；隔离 {$isolation}；所在地 {$location}；工作状态 {$work}
ia-last-isolation = {$kind}，{$since} 起，{$ends} 期满，今天第 {$day} 天
ia-last-work-post = {$work}（{$post}）
ia-keys =
    {"  "}按键：
    {"    "}36.5     保存体温，其他值沿用上次
    {"    "}36.5+    保存体温，并逐项修改其他值（回车保留显示的值）
    {"    "}回车     跳过此人（结束时列出被跳过的人）
    {"    "}q        结束（已保存的都保留）
    {"    "}?        显示本说明
ia-skipped = 已跳过 {$id} {$name}
ia-try-again = {$error}；请重新输入
ia-bad-choice = “{$value}”不是可选值，请输入：{$choices}
ia-yes-or-no = 请输入 Y（是）或 n（否）
ia-current = （现为 {$value}）
ia-confirm-fever = {$temp}℃ 发热，确认？[Y/n]
ia-confirm-low = {$temp}℃ 偏低，确认？[Y/n]
ia-confirm-digits = {$temp}℃？[Y/n]
ia-choices-yes-no = 是/否
ia-choices-isolation = 无/居家隔离/集中隔离
ia-choices-work = 在岗/居家/一线/休假
ia-end = 已保存 {$saved} 人；{$date} 还有 {$left} 人未报（见 healthreport missing）
ia-end-skipped = 已保存 {$saved} 人，跳过 {$skipped} 人：{$names}；{$date} 还有 {$left} 人未报（见 healthreport missing）
