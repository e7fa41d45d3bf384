# Messages: confirmations, prompts, warnings and errors.


## Recording (src/cmd/record.rs, src/cmd/interactive.rs)
saved = 已保存 {$id} {$name}：{$what}
saved-on = 已保存 {$id} {$name} {$date}：{$what}
sum-symptoms = 症状：{$symptoms}
sum-contact = 接触高风险地区人员
sum-isolation = {$kind}（{$since} 起）
sum-work-post = {$work}（{$post}）
sum-note = 备注：{$note}
record-needs-args = record 需要人员和 --temp，或 --batch 文件
record-dropped-contact = {$id} {$date}：被替换的版本有高风险接触，这次没有；如仍有接触，请加 --contact
record-dropped-symptoms = {$id} {$date}：被替换的版本有症状（{$symptoms}），这次没有；如症状仍在，请加 --symptom
window-from-to = 在册期间 {$from} 至 {$to}
window-from = 自 {$from} 起在册
window-to = 在册至 {$to}
record-not-expected = {$id} {$name} 在 {$date} 不需填报（{$window}）；可用 healthreport person edit {$id} --since/--until 修改
ia-opening = {$date}：共 {$total} 人，{$todo} 人尚未填报。输入体温后回车，其他值沿用显示的；输入 36.5+ 可修改其他值；直接回车跳过此人；q 结束；? 查看按键。每条记录输入后立即保存。
ia-person = [{$n}/{$of}] {$id} {$name}（{$role}，{$staff}）
ia-last = 上次 {$date}：体温 {$temp}；症状 {$symptoms}；接触 {$contact}；隔离 {$isolation}；所在地 {$location}；工作状态 {$work}
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

## Errors and warnings (src/lib.rs)
error = 错误：{$message}
warning = 注意：{$message}
error-chain-sep = ：
io-not-found = 文件或文件夹不存在
io-permission-denied = 没有权限
io-already-exists = 已经存在
io-would-block = 正被占用
io-invalid-data = 内容无效
io-unexpected-eof = 文件意外结束
io-storage-full = 磁盘已满或文件过大
io-read-only = 磁盘只读
io-not-a-directory = 不是文件夹
io-is-a-directory = 是文件夹，不是文件
io-directory-not-empty = 文件夹不是空的
io-broken-pipe = 输出已被关闭
io-interrupted = 被中断
io-other = 系统错误 {$code}（{$text}）
json-error = JSON 格式不对（第 {$line} 行第 {$column} 列）
csv-error-at = CSV 格式不对（第 {$line} 行）
csv-error = CSV 格式不对

## Batch import of records (src/batch.rs, src/cmd/batch.rs)
batch-row-column-appears-twice = 第 1 行：“{$i}”列出现了两次
batch-row-no-person-column = 第 1 行：没有人员列：表头需要 编号 或 姓名（见 healthreport template）
batch-is-in-the-future = {$date} 是将来的日期（今天是 {$today}）
batch-no-person-fill-in = 没有人员：请填写 编号 或 姓名
batch-bad-op-use-record = 记录类型“{$op}”无效：请用 record（记录）或 void（撤回）
batch-bad-recorded-at-use = 填报时间“{$t}”无效：请用 RFC 3339 格式，如 2020-02-18T08:00:00+08:00
batch-row-unknown-column-s = 第 1 行：无法识别的列 {$unknown}；可用的列就是 {$writer} 写出的那些
batch-is-empty-it-needs = {$what} 是空的：需要一个表头行
batch-cannot-read = 无法读取 {$file}
batch-bad-row-line = {"  "}{$file}：{$e}
batch-bad-row-s-listed = {$file}：有 {$errors} 行有误（见上）；什么也没有写入，请改正后重新运行
batch-row = 第 {$row} 行：{$e}
batch-dry-run-nothing-was = 试运行：什么也没有写入
batch-row-2 = 第 {$n} 行：{$e}
batch-is-not-is-the = {$id} 是 {$name}，不是 {$name_2}：这一行是否错位了？
batch-has-no-record-on = {$id} {$name} 在 {$date} 没有可撤回的记录
batch-a-withdrawal-needs-a = 撤回需要填写原因（原因 列）
batch-undo-rows-are-not = 撤销行不会导入；请用 healthreport undo
batch-done = { $dry ->
        [yes] 将记录
       *[other] 已记录
    } {$records} 条{ $days ->
        [0] {""}
        [1] （{$from}）
       *[other] （{$from} 至 {$to}）
    }，其中更正 {$corrections} 条，撤回 {$voids} 条
batch-skipped-row-s-without = 跳过 {$skipped} 行没有体温的（算作未报）：{$shown}
batch-checking-rows = 正在检查各行

## check and repair (src/cmd/check.rs, src/cmd/repair.rs, src/store/check.rs)
check-cannot-write-the-report = 无法写出报告
check-store-ok-days-entries = 存储完好：{$days} 天，{$entries} 条记录，{$people} 人
check-problem-s-in-the = 存储 {$root} 有 1 个问题：它的格式比本程序新；请升级 healthreport（config.json 之后的内容没有检查，也没有改动）
check-problem-s-in-the-2 = 存储 {$root} 有 {$n} 个问题：运行 healthreport repair 可修复（有问题的行移到 quarantine.jsonl，不删除任何内容）
check-problem-s-in-the-3 = 存储 {$root} 有 {$by_hand} 个问题需按上面所说手工处理；healthreport repair 不处理它们
check-problem-s-in-the-4 = 存储 {$root} 有 {$n} 个问题：运行 healthreport repair 可修复其中 {$fixable} 个（有问题的行移到 quarantine.jsonl，不删除任何内容）；其余 {$by_hand} 个需按上面所说手工处理
check-no-store-at-run = {$root} 没有存储：请先运行 healthreport init --store {$root}
check-store-format-is-newer = 存储格式 {$v} 比本程序所知的（{$FORMAT_VERSION}）新：请升级 healthreport；其他内容没有检查，也没有改动
check-repair-leaves-it = {$error}；repair 不处理
check-cannot-read-its-details = 无法读取其属性：{$e}
check-mode-is-should-be = {$kind}的权限是 {$mode}，应为 {$want}（健康数据，仅限所有者）；repair 会改正
check-day-file-in-the = 日文件放错了年份文件夹：报表在 {$home} 找它，所以从不读取；repair 不处理：请手工移过去（若那里已有文件，把各行追加进去）
check-wrong-entry = 记录有误（{$e}）
check-wrong-entry-2 = 记录有误：{$e}
check-entry-is-for-who = 记录 {$id} 属于 {$person}，此人不在名册上，报表不计入；repair 不处理：请用 healthreport staff add 姓名 --id {$person} 添加此人（或 family add … --id {$person}）
check-cannot-list-the-folder = 无法列出文件夹内容：{$e}
check-repair-moves-it-to = {$what}；repair 会把它移到 {$QUARANTINE_FILE}
check-corrupt-line = 损坏的行（{$e}）
check-corrupt-line-2 = 损坏的行：{$e}
check-the-file = 该文件
check-symlink = 符号链接：存储中只应有普通文件和文件夹；repair 不处理：请手工换成它所指的内容
check-torn-end-line = 最后一行残缺（写入被中断）；repair 会补上换行，保留每个字节
check-torn-last-line-bytes = 最后一行残缺（{$bytes} 字节没有换行：写入被中断）；repair 会把它移到 {$quarantine}
check-torn-whole-line = 最后一行残缺（{$bytes} 字节没有换行：写入被中断）；repair 会把它移到 {$quarantine}；它看起来是完整的一行，可能是手工输入的：若要保留，请手工补上换行
check-records-not-a-folder = 不是文件夹：日文件应放在 records/YYYY/ 中；repair 不处理：请手工移走
check-not-a-year-folder = 不是年份文件夹（records/YYYY/）：报表从不读取；repair 不处理：请手工移出存储或移到正确位置
check-folder-in-year-folder = 年份文件夹中的子文件夹：报表从不读取；repair 不处理：请手工移出存储
check-not-a-day-file = 不是日文件（records/YYYY/YYYY-MM-DD.jsonl）：报表从不读取；repair 不处理：请手工改名或移出存储
check-torn-why = 最后一行残缺
repair-ended-the-torn-last = 已给残缺的最后一行 {$path}:{$line} 补上换行
repair-changed-while-it-was = {$path} 在修复过程中被改动；没有从中移走任何内容；请再运行一次 healthreport repair
repair-the-bad-lines-are = 有问题的行保存在 {$quarantine}
repair-moved = 已移走 {$path}:{$line}（{$why}）→ {$quarantine}
repair-cannot-change-the-mode = 无法修改 {$path} 的权限
repair-chmod-was = 权限改为 {$to}：{$path}（原为 {$from}）
repair-nothing-to-repair = 无需修复：{$after}
repair-problem-s-left-in = 存储 {$root} 还有 {$problems} 个问题 healthreport repair 不能修复；请按上面所说手工处理
repair-is-now-owned-by = {$path} 现在归你所有，而不是像以前那样归用户 {$uid}（{$e}）；请以 root 身份运行 chown {$uid}:{$gid} {$path}
repair-repaired-line-s-moved = 已修复 {$root}：{$moved} 行移到 {$quarantine}，改正 {$chmods} 处权限
repair-repaired-and-ended = 已修复 {$root}：{$moved} 行移到 {$quarantine}，改正 {$chmods} 处权限，并补好了隔离文件的残缺行
repair-left-as-is = 未处理：{$problem}

## Commands (src/cmd/*.rs)
config-about-org = 单位名称，显示在报表标题中
config-about-home-city = 本地城市：所在地含有它即算在本地
config-about-high-risk = 高风险地区，用逗号分开：所在地含有其中之一即算在高风险地区
config-about-fever-threshold = 发热标准（℃）：体温达到它即算发热
config-about-isolation-days = 隔离天数：隔离和医学观察的天数
config-about-lang = 语言：zh 中文，en 英文
config-about-csv-encoding = CSV 文件编码：utf8-bom（Excel 直接打开）、utf8 或 gbk
config-about-timezone = 时区：local 为本机时区，或如 +08:00；决定“今天”是哪一天
config-about-clerk = 填报人：显示在每条记录的“填报人”中
config-about-report-mode = 报表文件的权限：0600 只有本人可读，0640 同组也可读
config-config-unchanged = 设置未改动（{$root}）
export-from-is-after-to = --from {$f} 晚于 --to {$t}
export-wrote-entries = 已写出 {$path}（{$count} 条）
family-added-of = 已添加 {$id} {$name}（{$id2} {$name2} 的{$relation}）
init-created-a-store-at = 已在 {$root} 新建存储
init-hint-home-city = 提示：请设置本地城市，所在地含有它即算在本地：healthreport config set home_city 北京
cmd-wrote = 已写出 {$path}
cmd-cannot-read-the-roster = 无法读取 {$root} 的名册
person-is-family-and-counts = {$who} 是家属，计入所属职工的部门；请修改该职工
person-is-staff-a-relation = {$who} 是职工：关系只用于家属
person-until-is-before-since = {$who}：截止日期 {$u} 早于起始日期 {$s}
person-nothing-to-change = {$who}：没有要修改的
person-updated = 已修改 {$id} {$name}
person-only-starts-on-cannot = {$id} {$name} 从 {$on} 才开始应报：不能在 {$on_3} 离开
person-is-expected-up-to = {$id} {$name} 应报到 {$on} 为止，此后不再应报
roster-row-no-name-column = {$what}：第 1 行：没有 姓名 列
roster-would-add-update-unchanged = {$what}：将添加 {$added} 人，更新 {$updated} 人；{$unchanged} 人不变
roster-added-updated-unchanged = {$what}：已添加 {$added} 人，更新 {$updated} 人；{$unchanged} 人不变
roster-is-family-not-staff = {$id} {$name} 是家属，不是职工：所属职工 必须是职工
roster-is-family-fill-in = {$name} 是家属：请填写 所属职工
roster-is-family-fill-in-2 = {$name} 是家属：请填写 关系
roster-is-staff-of-and = {$name} 是职工：所属职工 和 关系 只用于家属
roster-is-family-and-counts = {$name} 是家属，计入所属职工的部门：部门 请留空
roster-until-is-before-since = 截止日期 {$u} 早于起始日期 {$s}
roster-is-on-the-roster = {$id} 在名册上是{$kind}：类别不能改
roster-id-is-taken-by = 编号 {$id} 已被 {$name} 使用；请换一个，或不写 --id
roster-is-family-not-staff-2 = {$id} {$name} 是家属，不是职工：请给出该户的职工
staff-added-staff = 已添加职工 {$id} {$name}
template-wrote-people = 已写出 {$path}（{$people} 人）
trend-from-is-after-to = --from {$from} 晚于 --to {$to}
undo-has-no-write-left = {$root} 中没有可撤销的写入
undo-the-last-write-of = {$by} 的最后一次写入已经撤销过了
undo-and-more = {"  "}… 另有 {$targets} 条
undo-nothing-undone = 没有撤销任何内容
undo-undone-nothing-deleted = 已撤销；没有删除任何内容：撤销的内容仍保留在存储中，标为已撤销
undo-undone-the-entries-stay = 已撤销；原记录仍保留在存储中（见 healthreport history）
undo-kind-record = 记录
undo-kind-batch = 批量导入
undo-kind-void = 撤回
undo-kind-undo = 撤销
undo-preview = 最后一次写入：{$by}，{$at}（{$kind}，{$count} 条）：
undo-line-roster = {"  "}名册：{$id} {$name}
undo-line-post = {"  "}岗位{ $op ->
    [add] 登记
   *[edit] 修改
}：{$id} {$name}{ $shown ->
    [0] {""}
   *[other] （{$details}）
}
undo-post-community = 社区
undo-post-contact = 联系人
undo-post-phone = 电话
undo-line-supply = {"  "}物资：{$post} {$item}，{ $op ->
    [resolve] {$date} 已解决{ $named ->
        [0] {""}
       *[other] （{$by}）
    }
   *[report] {$date} 欠缺：需求 {$need}{$unit}，现有 {$have}{$unit}
}
undo-line-other = {"  "}{$file}：{$line}
undo-preview-line = {"  "}{$id} {$name} {$date}：{$what}
undo-unnamed = 未署名
undo-withdrawal = 撤回：{$reason}
undo-needs-yes = undo 撤销前会先询问：不在终端上运行时，请加 --yes 确认
undo-ask = 确定撤销？[y/N]
void-reason-may-not-be = --reason 不能为空：请说明撤回原因
void-has-no-record-on = {$id} {$name} 在 {$date} 没有可撤回的记录
void-withdrew-the-record-of = 已撤回 {$id} {$name} {$date} 的记录（{$old}）；它仍保留在 healthreport history 中

## Values and files (src/csvio.rs, src/dates.rs, src/output.rs, src/person.rs, src/record.rs)
csvio-bad-csv-encoding-use = CSV 编码“{$text}”无效：请用 utf8-bom、utf8 或 gbk
csvio-is-not-valid-utf = {$what} 不是有效的 UTF-8（在第 {$valid_up_to} 字节）；若是 Excel 保存的，请试试 --encoding gbk
csvio-is-neither-utf-nor = {$what} 既不是 UTF-8 也不是 GBK/GB18030；请另存为“CSV UTF-8”后再试
dates-bad-timezone-use-local = 时区“{$text}”无效：请用 local 或固定偏移，如 +08:00
dates-bad-healthreport-now-use = HEALTHREPORT_NOW“{$fake}”无效：请用 RFC 3339 格式，如 2020-02-18T07:00:00+08:00
dates-bad-date-use-today = 日期“{$text}”无效：请用 2020-02-18、2020/2/18、20200218、today（今天）或 yesterday（昨天）
dates-no-such-day = 没有这一天：“{$text}”
dates-is-in-the-future = {$date} 是将来的日期（今天是 {$today}）：只能记录已经开始的日子
output-cannot-tell-the-format = 无法从扩展名判断 {$path} 的格式：请加 --format text|csv|json|markdown|html|xlsx|pdf
output-cannot-create-a-temporary = 无法在 {$dir} 中创建临时文件
output-cannot-write = 无法写入 {$path}
output-cannot-replace = 无法替换 {$path}
person-bad-kind-use-staff = 类别“{$text}”无效：请用 本人 或 家属
person-bad-relation-use-spouse = 关系“{$text}”无效：请用 配偶、子女、父母 或 其他
person-bad-id-use-up = 编号“{$id}”无效：最多 32 个字母、数字、“-”或“_”（如 S012、S012-1）
person-a-name-may-not = 姓名不能为空
person-no-person-on-the = 名册上没有“{$q}”：见 healthreport roster --all
person-no-person-on-the-2 = 名册上没有“{$q}”；是不是 {$close}？
person-people-are-named-give = 有 {$many} 人叫“{$q}”：{$ids}；请改用编号
person-family-of = {$staff} 的家属
record-bad-isolation-use-none = 隔离情况“{$text}”无效：请用 无、居家隔离 或 集中隔离
record-bad-work-use-on = 工作状态“{$text}”无效：请用 在岗、居家/弹性、一线 或 休假
record-bad-yes-no-use = “{$text}”无效：请用 是 或 否
record-bad-temperature-give-c = 体温“{$text}”无效：请填摄氏度，保留一位小数，如 36.5
record-temp-outside = 体温 {$text} 不在 {$min}～{$max}℃ 之间
record-temp-outside-digits = 体温 {$text} 不在 {$min}～{$max}℃ 之间；是不是 {$meant}？
record-temp-outside-fahrenheit = 体温 {$text} 不在 {$min}～{$max}℃ 之间；看起来是华氏度，折合 {$celsius}℃
record-an-isolation-start-was = {$who}：隔离情况为“无”，却给了隔离开始日期
record-isolation-starts-after-the = {$who}：隔离开始日期 {$since} 晚于记录日期 {$date}
record-is-family-work-and = {$who} 是家属：工作状态和岗位只记录职工的

## The store (src/store/*.rs)
config-is-not-valid-json = {$path} 不是有效的 JSON；请手工修好或从备份恢复
config-has-store-format-newer = {$path} 的存储格式 {$v} 比本程序所知的（{$FORMAT_VERSION}）新；请升级 healthreport（存储没有改动）
config-has-no-format-version = {$path} 没有 format_version：这是 healthreport 的存储吗？
config-holds-a-bad-setting = {$path} 中有无效的设置；见 healthreport config set
config-fever-threshold-is-outside = 发热标准 fever_threshold {$fever_threshold} 不在 35.0～42.0 之间
config-isolation-days-is-outside = 隔离天数 isolation_days {$isolation_days} 不在 1～60 之间
config-bad-fever-threshold-give = 发热标准 fever_threshold“{$value}”无效：请填摄氏度，如 37.3
config-bad-fever-threshold-give-2 = 发热标准 fever_threshold“{$value}”无效：请填 35.0～42.0 之间的摄氏度，如 37.3
config-bad-isolation-days-give = 隔离天数 isolation_days“{$value}”无效：请填 1～60 的整数天，如 14
config-bad-lang-use-zh = 语言 lang“{$value}”无效：请用 zh 或 en
config-format-version-is-the = format_version 由存储自己维护，不能设置
config-unknown-setting-the-settings = 没有“{$key}”这项设置：可设置的有 {$keys}
fsutil-cannot-create-folder = 无法创建文件夹 {$dir}
fsutil-cannot-sync-folder = 无法同步文件夹 {$dir}
fsutil-cannot-open-for-writing = 无法打开 {$path} 写入
fsutil-cannot-write = 无法写入 {$path}（什么也没有写入）
fsutil-cannot-write-partial = 无法写入 {$path}（写了一半的行无法删除；请运行 healthreport check）
jsonl-corrupt-line-run-healthreport = {$path}:{$number}：损坏的行（{$e}）；请运行 healthreport check，再用 healthreport repair 把它隔离
lock-the-store-is-busy = 存储 {$root} 正忙：另一个 healthreport 已写了 {$as_secs_f64} 秒；请稍后再试，或检查是否有卡住的进程
store-cannot-find-a-home = 找不到存放存储的主文件夹；请用 --store 文件夹 指定
store-a-store-already-exists = {$root} 已有存储；其设置可用 healthreport config set 修改
store-is-not-empty-and = {$root} 不是空的，也不是存储；请选一个空的或新的文件夹
store-torn-last-line-bytes = {$path}:{$line}：最后一行残缺（{$torn} 字节，写入被中断），已略过；请运行 healthreport repair 把它隔离
store-wrong-entry-run-healthreport = {$path}:{$line}：记录 {$id} 有误（{$err}）；请运行 healthreport check，再用 healthreport repair 把它隔离
store-cannot-open = 无法打开 {$path}
store-cannot-cut-the-torn = 无法从 {$path} 去掉残缺的行
store-cannot-list = 无法列出 {$dir}
records-entry-for-in-the = {$date} 的记录放在了 {$file_date} 的文件里
records-record-without-temperature = 记录没有体温
records-undo-without-target = 撤销没有目标
roster-line-add = {"  "}添加 {$id} {$name}
roster-line-update = {"  "}更新 {$id} {$name}
check-kind-folder = 文件夹
check-kind-file = 文件

## Workbooks, sheets and PDF (src/sheet.rs, src/render/pdf.rs, src/render/xlsx.rs)
output-binary-to-terminal = 工作簿或 PDF 不能直接输出到终端：请用 -o 文件.xlsx 或 -o 文件.pdf 写入文件
pdf-no-browser = 找不到用来生成 PDF 的 Chromium、Chrome 或 Edge：请安装一个（如 apt-get install chromium），或用 --browser 路径 指定；也可以写成 .html 再用浏览器打印
config-in-file = 在 {$path} 中
roster-row-columns-and-another = {$what}：第 1 行：“{$i}”列和另一列意思相同（{$zh}）；请只保留一列
pdf-browser-not-found-give = 找不到浏览器 {$path}：请用 --browser 给出 Chromium、Chrome 或 Edge 的完整路径
pdf-cannot-create-a-temporary = 无法创建用于打印的临时文件夹
pdf-cannot-write = 无法写入 {$html}
pdf-cannot-start = 无法启动 {$browser}
pdf-did-not-finish-printing = {$browser} 在 {$as_secs} 秒内没有打印完；请再试一次，或写成 .html 再用浏览器打印
pdf-made-no-pdf-try = {$browser} 没有生成 PDF（{$status}）：{$last}；请用 --browser 换一个 Chromium 或 Chrome 试试
xlsx-cannot-name-the-sheet = 无法给工作表命名为 {$name}
xlsx-cannot-build-the-workbook = 无法生成工作簿
xlsx-cannot-build-a-drop = 无法生成下拉列表
xlsx-cannot-write-the-date = 无法把日期 {$d} 写入工作簿
xlsx-too-many-rows = 表格超过了 Excel 一张工作表的上限（{$max} 行）；请用 --from 和 --to 分段导出，或导出为 CSV
sheet-cannot-read = 无法读取 {$what}
sheet-is-csv-sheet-is = {$what} 是 CSV：--sheet 只用于工作簿（.xlsx）
sheet-cannot-read-the-workbook = 无法读取工作簿 {$what}：请在 Excel 中另存为 .xlsx 后再试
sheet-has-no-sheet-its = {$what} 中没有工作表“{$s}”；有的工作表是：{$names}
sheet-has-no-sheets = {$what} 中没有工作表
sheet-cannot-read-sheet-of = 无法读取 {$what} 的工作表“{$name}”
sheet-sheet-row-column = {$what}：工作表“{$name}”第 {$number} 行第 {$j} 列
sheet-sheet-is-empty-it = {$what}：工作表“{$name}”是空的：需要一个表头行
sheet-the-cell-holds-the = 单元格中是表格错误 {$e}：请改正或清空
sheet-columns-not-used-ignored = {$what}：以下列未使用，已忽略：{$others}
sheet-ignored-id-card-numbers = {$what}：已忽略 {$ids}：身份证号码从不读取或保存
batch-column = {$column} 列

## The write transaction and clean text (src/store/tx.rs, src/text.rs, src/output.rs)
batch-row-not-valid-csv-2 = {$what}：第 {$last_row} 行不是有效的 CSV
config-bad-report-mode-give = 报表权限 report_mode“{$value}”无效：请给出八进制权限，所有者可读写、没有执行位，如 0600 或 0640
csvio-row-byte-offset-byte = {$what}：第 {$row} 行，字节位置 {$bad}：字节 0x{$bad2} 不是 UTF-8，而文件其余部分是 UTF-8；请改正那个单元格（若文件确实是 GBK，请加 --encoding gbk）
fsutil-cannot-create = 无法创建 {$path}
fsutil-cannot-give-the-owner = 无法让 {$path} 归其文件夹 {$dir} 的所有者所有
fsutil-is-a-symbolic-link = {$path} 是符号链接；存储从不经由链接读写文件：请换成文件本身
fsutil-is-not-a-regular = {$path} 不是普通文件；存储只写入自己的文件
journal-line-from-the-end = {$shown}：倒数第 {$from_end} 行已损坏；请运行 healthreport check，再运行 healthreport repair
lock-cannot-lock-2 = 无法锁定 {$root}
lock-cannot-open-the-store = 无法打开存储文件夹 {$root}
lock-healthreport-lock-timeout-is = HEALTHREPORT_LOCK_TIMEOUT={$text} 不是 0～{$MAX_WAIT_SECS} 之间的秒数；请设为如 5，或取消这个设置
output-cannot-read = 无法读取 {$path}
output-cannot-set-the-mode = 无法设置 {$path} 的权限
output-is-a-folder-give = {$path} 是文件夹；请给 --output 一个文件名
output-is-a-symbolic-link = {$path} 是指向不存在文件的符号链接；请让它指向一个文件，或另给一个 --output
output-is-read-only-it = {$path} 是只读的，没有改动：请把它改为可写（chmod u+w），或另给一个 --output
records-isolation-starts-after-the = 隔离开始日期 {$since} 晚于记录日期
records-temperature-is-outside-to = 体温 {$t} 不在 {$min_temp}～{$max_temp}℃ 之间
store-a-torn-last-line-2 = {$path}：最后一行残缺（写入被中断），已在写入前移到 {$quarantine_path}
store-cannot-make-private = 无法把 {$root} 设为仅所有者可用（0700）
store-healthreport-store-is-set = 设置了 HEALTHREPORT_STORE 但它是空的：请设为存储文件夹，或取消这个设置
store-store-is-empty-give = --store 是空的：请给出存储文件夹
text-a-bidi-control-u = 双向文字控制符 U+{$c}
text-a-control-character-u = 控制字符 U+{$c}
text-bad-it-holds-character = {$field}无效：第 {$chars} 个字符是{$c}；请去掉它重新输入
text-char-cr = 回车符（CR）
text-char-del = 删除符（DEL）
text-char-esc = 转义符（ESC）
text-char-lf = 换行符（LF）
text-char-nul = 空字符（NUL）
text-char-tab = 制表符（Tab）
trend-from-to-spans-days = --from {$from} --to {$to} 跨 {$days} 天；趋势最多 {$MAX_DAYS} 天（十年）：请缩小范围
tx-a-line-of-the = {$rel}：要撤销的那次写入中有一行读不出来
tx-a-store-line-must = 存储中的一行必须是 JSON 对象
tx-cannot-remove = 无法删除 {$path}
tx-cannot-take-the-unfinished = 无法从 {$path} 撤下未完成的写入
tx-cannot-write-the-journal = 无法写入操作日志，所以什么也没有写入
tx-config-json-is-not = config.json 不是 UTF-8
tx-is-not-a-store = {$rel} 不是可追加写入的存储文件
tx-is-shorter-than-before = {$path} 比这次写入之前还短
tx-nothing-of-this-write = 这次写入的内容一条也没有保留
tx-the-last-line-is = {$path}：最后一行已损坏，无法判断上次写入是否完成；请运行 healthreport repair
tx-the-last-line-of = {$path} 的最后一行被意外中断截断；已移到 {$quarantine_path}
tx-the-write-begun-by = {$as_deref} 于 {$unwrap_or_default} 开始的写入（{$as_deref2}）没有完成；已回滚，其中的内容都不算数
tx-what-was-written-is = 已写入的内容不计入任何报表，下一个命令或 healthreport repair 会把它回滚（{$again}）
undo-kind-config-set = 修改设置
undo-kind-family-add = 添加家属
undo-kind-person-edit = 修改人员
undo-kind-person-leave = 人员离开
undo-kind-roster-import = 导入名册
undo-kind-staff-add = 添加职工
undo-nothing-undone-run-healthreport = 没有撤销任何内容：{$recovered}；再运行一次 healthreport undo 可撤销之前的那次写入
undo-settings-back-to = {"  "}设置恢复为：{$was}

## Episodes, observation and roster changes (issue 11)
cmd-has-records-outside-the = {$id} {$name} 在新的在册期间之外有记录（{$outside}）；它们将不再计入报表：如仍要修改，请加 --force
cmd-records-of-are-now = {$id} {$name}：{$outside} 的记录现已在在册期间之外，不再计入报表
cmd-every-day-up-to = {$to} 及以前的每一天
cmd-this-changes-the-past = {$id} {$name}：这会改变 {$spans} 的历史报表
person-give-the-reason-with = 请用 --reason 说明原因（如 重复录入）
person-has-family-on-the = {$id} {$name} 在名册上还有家属（{$family}）；请先删除他们
person-removed-from-every-report = 已从所有报表中删除 {$id} {$name}；其记录仍保留在存储中（healthreport undo 可恢复）
record-has-no-record-on = {$id} {$name} 在 {$date} 没有记录：请用 --temp 给出体温
record-under-observation-since = 自 {$since} 起医学观察
record-has-no-record-on-2 = {$who} 在 {$date} 没有可补充的记录：请给出体温
record-temperature-is-outside-to = {$who}：体温 {$t} 不在 {$MIN_TEMP}～{$MAX_TEMP}℃ 之间
record-an-isolation-start-was-3 = {$who}：给了隔离开始日期，但此人没有隔离；请同时给出隔离情况（居家隔离 或 集中隔离）
record-post-is-for-frontline-2 = {$who}：岗位“{$p}”只用于一线，但工作状态是 {$recorded}；请把工作状态设为 一线，或不填岗位
record-observation-starts-after-the = {$who}：医学观察开始日期 {$since} 晚于记录日期 {$date}
undo-kind-person-remove = 删除人员
ia-last-temp = {$temp}℃
ia-last-temps = {$am}℃/{$pm}℃
ia-opening-pm = {$date}：共 {$total} 人，{$todo} 人需要测下午体温（医学观察或隔离中）。输入体温后回车；直接回车跳过此人；q 结束；? 查看按键。每个读数输入后立即保存。
ia-end-pm = 已保存 {$saved} 人，跳过 {$skipped} 人{ $skipped ->
        [0] {""}
       *[other] ：{$names}
    }；{$date} 还有 {$left} 人没有下午体温
record-work-not-recorded = 未记录
cmd-day-span = {$from} 至 {$to}
roster-line-namesake = {$line}（另有同名的人：{$others}）
cmd-is-on-the-roster-2 = {$name} 已在名册上：{$same}；若是另一个人，请加 --same-name
record-replaced-the-version-recorded = {"  "}已替换 {$m} 填报的版本（{$old}）
record-replaced-the-version-recorded-2 = {"  "}已替换 {$recorded_by} 于 {$m} 填报的版本（{$old}）
roster-id-is-removed-as = 编号 {$id} 是 {$name}，已作为误录删除：请去掉这一行，或给此人一个新编号
roster-is-on-an-earlier = {$existing} 在本文件前面的行中已出现：请填写 编号 区分这些行
roster-people-are-named-fill = 有 {$many} 人叫 {$name}：{$who}；请填写 编号 指明是哪一位
person-dept-household = {$id} {$name}（部门 {$dept}，所属职工 {$household}）
roster-was-removed-from-the = {$id} {$name} 已作为误录从名册删除（{$unwrap_or_default}）：见 healthreport roster --all

## Posts and supplies (src/post.rs, src/cmd/post.rs, src/cmd/supplies.rs, src/store/posts.rs)
post-event-incomplete = 新增或修改岗位的记录缺少岗位编号或名称
post-unknown = 没有登记名为“{$post}”的岗位：可用 healthreport post add {$post} 登记
post-unknown-close = 没有登记名为“{$post}”的岗位；是否要找 {$close}？（healthreport post list 列出全部岗位）
post-recorded-unregistered = 岗位“{$post}”尚未登记，已照录（台账中标为“未登记”）：可用 healthreport post add {$post} 登记
post-recorded-unregistered-close = 岗位“{$post}”尚未登记，已照录；是否要找 {$close}？可用 healthreport record 改正，或用 healthreport post add {$post} 登记
text-control = {$what}“{$text}”含有控制字符
field-community = 所在社区
field-contact = 联系人
field-phone = 电话
field-post-name = 岗位名称
field-item = 物资名称
field-unit = 单位
field-note = 备注
field-solver = 解决单位
supply-event-incomplete = 上报或解决的记录缺少日期、岗位或物资名称
supply-event-no-need = 上报的记录缺少需求数量
quantity-negative = {$flag} {$text}：数量不能为负数
quantity-whole = {$flag} {$text}：请填整数（按箱、瓶计数时用 --unit）
quantity-not-number = {$flag}“{$text}”不是数字：请填整数，如 500
post-exists = 岗位“{$name}”已登记为 {$id} {$existing}；可用 healthreport post edit {$id} 修改
post-added = 已登记岗位 {$id} {$name}
post-name-taken = 已有岗位名为“{$name}”：{$id} {$existing}；请换一个名称
post-nothing-to-change = 岗位 {$id} {$name} 没有要修改的内容：请用 --name、--community、--contact 或 --phone 给出新值
post-changed = 已修改岗位 {$id} {$name}
item-empty = --item 不能为空：请写物资名称，如 --item 口罩
supplies-corrected = 已更正 {$post} {$date} 的{$item}欠缺：需求 {$need}，现有 {$have}，缺口 {$gap}（原为需求 {$old_need}，现有 {$old_have}）
supplies-recorded = 已登记 {$post} {$date} 的{$item}欠缺：需求 {$need}，现有 {$have}，缺口 {$gap}
supplies-covered = 现有数量已满足需求：表中缺口为 0
supplies-nothing-to-resolve = {$post} 在 {$date} 及以前没有上报过{$item}欠缺，无可解决；见 healthreport supplies --date {$date}
supplies-already-resolved = {$post} 的{$item}欠缺已于 {$date} 解决；如又有欠缺，请用 healthreport supplies report 重新上报
supplies-resolved = 已将 {$post} {$date} 的{$item}欠缺标为已解决
frontline-from-is-after-to = --from {$from} 晚于 --to {$to}
export-all-versions-records = --all-versions 只用于记录：export --what supplies 本来就列出每次上报和解决
events-wrong-line = {$path}:{$line}：记录有误（{$error}）；请运行 healthreport check，再用 healthreport repair 隔离该行
check-wrong-event = 记录有误（{$error}）
check-wrong-event-why = 记录有误：{$error}
undo-kind-post = 岗位
undo-kind-supplies = 物资
frontline-totals = 合计：在岗人员 {$people} 人，其中党员 {$party} 人；累计人天 {$days}；岗位 {$posts} 个。
posts-unregistered = 记录中使用但未登记的岗位（可用 post add 登记）：{$posts}
supplies-item-unit = {$item}（{$unit}）
supplies-solved-on = 解决于 {$date}
supplies-totals = 合计：物资欠缺 {$rows} 项，未解决 {$unsolved} 项，已解决 {$solved} 项。
undo-kind-chat = 接龙

## record --chat: the WeChat roll-call (src/chat/, src/cmd/chat.rs)
chat-list-sep = 、
chat-or-sep = 或
chat-no-name = 没有找到名册上的姓名
chat-unknown-name = 当天的名册上没有“{$written}”
chat-unknown-name-closest = 当天的名册上没有“{$written}”，最接近的是：{$closest}
chat-ambiguous-name = “{$written}”可能是几个人：{$candidates}；请写全名，同名的在名字后写编号，如“{$written}（S001）”
chat-no-temperature = {$name}没有体温
chat-temperature-decimal = 体温 {$written} 超出 {$min}～{$max}℃，是 {$meant} 吗？
chat-temperature-fahrenheit = 体温 {$written} 像是华氏度，约合 {$celsius}℃
chat-temperature-outside = 体温 {$written} 超出 {$min}～{$max}℃
chat-temperature-incomplete = 体温 {$written} 不完整
chat-relation-without-name = “{$word}”前面没有职工姓名
chat-no-such-relation = 名册上{$staff}家没有“{$word}”
chat-ambiguous-relation = “{$word}”可能是{$names}，请写姓名
chat-two-temperatures = {$name}有两个体温
chat-cannot-read = 无法读取 {$what}
chat-cannot-read-stdin = 无法从标准输入读取接龙
chat-standard-input = 标准输入
chat-cut-off = {$why}（接龙可能被截断，请复制完整）
chat-nothing-to-record = {$what}：没有可以记录的内容（见上面的预览），什么也没写
chat-dry-run = 试运行：什么也没写
chat-not-written = 未写入
chat-recorded = 已记录 {$n} 条（{$date}）；写错了可以用 healthreport undo 撤销
chat-no-such-day = {$what} 第 {$line} 行“{$text}”的日期不存在；改正后再试
chat-other-day = {$what} 第 {$line} 行写的是 {$header} 的接龙，但 --date 是 {$date}；是不是贴错了日子？改 --date 或换成当天的接龙
chat-needs-yes = 接龙要确认后才写入：不在终端上（或接龙经管道传入）时加 --yes
chat-confirm = 写入以上 {$n} 条记录？[y/N]
chat-preview-count = 共 {$n} 条记录，其中 {$corrections} 条更正当天已有的记录。
chat-section-empty = {$heading}{$nothing}
chat-remark-closest = 原文“{$written}”，按最接近的名字
chat-remark-replaces = 取代第 {$line} 行
chat-remark-corrects = 更正当天已有记录
chat-problem-line = {"  "}第 {$line} 行“{$text}”：{$why}
chat-chase-line = {"  "}第 {$line} 行 {$names}：“{$text}”
chat-missing-line = {"  "}{$head}家：{$names}
chat-reminder-done = {$day}接龙已全部报送，谢谢大家
chat-reminder = {$at} 请尽快接龙报送本人及家属体温（{$day}）
chat-starter-title = {$year}年{$month}月{$day}日 体温接龙（本人及家属）
chat-starter-example = 例：张三 36.5 爱人 36.4 儿子 36.6 正常 在家 在岗
report-chat-format-only = --format chat 只用于 missing 和 template
check-index-garbled = 索引文件不完整：查询不使用它，改为逐个读日文件；repair 会重建它
check-index-differs = 索引所记日期早于日文件（首个 {$person}：索引 {$indexed}，日文件 {$actual}），查询可能漏掉记录；repair 会重建它
repair-rebuilt-index = 已根据日文件重建索引 {$path}
