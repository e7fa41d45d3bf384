#!/usr/bin/env bash
# Rebuilds examples/bureau: a bureau of 10 staff and their households with
# three days of records (2020-02-16 to 2020-02-18) entered through the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
hr() { HEALTHREPORT_STORE=examples/bureau target/debug/healthreport --quiet "$@"; }
at() { export HEALTHREPORT_NOW="$1"; }
rm -rf examples/bureau
at 2020-02-15T09:00:00+08:00
hr init --org 某区机关事务管理局 --home-city 北京 --lang zh
hr config set timezone +08:00
# Staff, then their households.
hr staff add 张伟 --dept 办公室 --phone 13800010001 --party-member
hr staff add 王芳 --dept 办公室 --phone 13800010002
hr staff add 李强 --dept 财务科 --phone 13800010003 --party-member --veteran
hr staff add 刘洋 --dept 财务科 --phone 13800010004
hr staff add 陈静 --dept 综合科 --phone 13800010005 --party-member
hr staff add 杨磊 --dept 综合科 --phone 13800010006 --party-member
hr staff add 赵敏 --dept 后勤科 --phone 13800010007
hr staff add 黄涛 --dept 后勤科 --phone 13800010008 --veteran
hr staff add 周杰 --dept 办公室 --phone 13800010009 --party-member
hr staff add 吴霞 --dept 财务科 --phone 13800010010
hr family add 孙丽 --of S001 --relation 配偶 --phone 13900020001
hr family add 张一鸣 --of S001 --relation 子女
hr family add 马建国 --of S002 --relation 配偶 --phone 13900020002
hr family add 王秀兰 --of S002 --relation 父母
hr family add 何静 --of S003 --relation 配偶
hr family add 李小雨 --of S003 --relation 子女
hr family add 刘建华 --of S004 --relation 父母 --phone 13900020004
hr family add 郑凯 --of S005 --relation 配偶 --phone 13900020005
hr family add 陈思 --of S005 --relation 子女
hr family add 林娜 --of S006 --relation 配偶
hr family add 赵大海 --of S007 --relation 父母
hr family add 钱芳 --of S007 --relation 配偶 --phone 13900020007
hr family add 黄小宝 --of S008 --relation 子女
hr family add 徐丽 --of S009 --relation 配偶
hr family add 吴建 --of S010 --relation 配偶 --phone 13900020010
hr family add 吴小满 --of S010 --relation 子女

# Frontline posts (党员先锋岗): two registered; 东四社区 is used in records
# without being registered, so the ledger flags it. The three frontline staff
# reached their posts on 02-12; the clerk backfills 02-12 to 02-14 (the 15th
# was their rest day, and stays a day without records). Their roster start
# is set back first so the backfilled days lie inside it.
at 2020-02-15T10:00:00+08:00
hr post add 和平里社区 --community 和平里街道和平里社区 --contact 社区书记老周 --phone 01064210001
hr post add 新街口社区 --community 新街口街道新街口社区 --contact 社区主任小吴 --phone 01066180002
for who in 张伟 李强 杨磊; do hr person edit "$who" --since 2020-01-01; done
for d in 2020-02-12 2020-02-13 2020-02-14; do
  hr record 张伟 -d "$d" --by 办公室小刘 --temp 36.5 --location 北京市东城区 --work 一线 --post 和平里社区 --note 补录
  hr record 李强 -d "$d" --by 办公室小刘 --temp 36.4 --location 北京市西城区 --work 一线 --post 新街口社区 --note 补录
  hr record 杨磊 -d "$d" --by 办公室小刘 --temp 36.6 --location 北京市东城区 --work 一线 --post 东四社区 --note 补录
done
hr supplies report 和平里社区 --item 口罩 --need 2000 --have 300 --unit 个 -d 2020-02-13 --note 社区值守人员每日更换

# Records a person unless they are in $SKIP (people who did not report).
rec() {
  local who=$1
  shift
  [[ " ${SKIP:-} " == *" $who "* ]] && return 0
  hr record "$who" "$@"
}

day() {
  local d=$1
  at "${d}T08:00:00+08:00"
  local by=--by=办公室小刘
  rec 张伟 -d "$d" $by --temp 36.5 --location 北京市东城区 --work 一线 --post 和平里社区
  rec 孙丽 -d "$d" $by --temp 36.4 --location 北京市东城区
  rec 张一鸣 -d "$d" $by --temp 36.6 --location 北京市东城区
  rec 王芳 -d "$d" $by --temp 36.7 --location 北京市朝阳区 --work 在岗
  rec 马建国 -d "$d" $by --temp 36.5 --location 北京市朝阳区
  rec 李强 -d "$d" $by --temp 36.3 --location 北京市西城区 --work 一线 --post 新街口社区
  rec 何静 -d "$d" $by --temp 36.5 --location 北京市西城区
  rec 李小雨 -d "$d" $by --temp 36.8 --location 北京市西城区
  rec 刘洋 -d "$d" $by --temp 36.6 --location 北京市海淀区 --work 居家
  rec 陈静 -d "$d" $by --temp 36.4 --location 北京市丰台区 --work 在岗
  rec 郑凯 -d "$d" $by --temp 36.5 --location 北京市丰台区
  rec 陈思 -d "$d" $by --temp 36.6 --location 北京市丰台区
  rec 杨磊 -d "$d" $by --temp 36.5 --location 北京市东城区 --work 一线 --post 东四社区
  rec 林娜 -d "$d" $by --temp 36.7 --location 北京市东城区
  rec 赵敏 -d "$d" $by --temp 36.5 --location 北京市通州区 --work 在岗
  rec 钱芳 -d "$d" $by --temp 36.6 --location 北京市通州区
  rec 黄涛 -d "$d" $by --temp 36.4 --location 北京市大兴区 --work 在岗
  rec 黄小宝 -d "$d" $by --temp 36.9 --location 北京市大兴区
  rec 周杰 -d "$d" $by --temp 36.5 --location 北京市昌平区 --work 休假
  rec 徐丽 -d "$d" $by --temp 36.5 --location 北京市昌平区
  rec 吴霞 -d "$d" $by --temp 36.6 --location 北京市石景山区 --work 在岗
  rec 吴建 -d "$d" $by --temp 36.4 --location 北京市石景山区
  rec 吴小满 -d "$d" $by --temp 36.7 --location 北京市石景山区
}

# 2020-02-16: everyone reports; 王秀兰 is in Wuhan, 刘建华 in Wenzhou and
# back since 02-10 in home isolation; 赵大海 is in Shanghai.
day 2020-02-16
at 2020-02-16T08:30:00+08:00
hr record 王秀兰 -d 2020-02-16 --by 办公室小刘 --temp 36.6 --location 湖北省武汉市 --note 春节前回老家
hr record 刘建华 -d 2020-02-16 --by 办公室小刘 --temp 36.5 --location 北京市海淀区 --isolation 居家隔离 --isolation-since 2020-02-04 --note 2月3日自温州返京
hr record 赵大海 -d 2020-02-16 --by 办公室小刘 --temp 36.4 --location 上海市

at 2020-02-16T17:00:00+08:00
hr supplies resolve 和平里社区 --item 口罩 --by 机关工委 -d 2020-02-16 --note 机关工委调拨2000个

# 2020-02-17: 黄小宝 has a fever; 刘洋 works from home while his father is isolated.
day 2020-02-17
at 2020-02-17T08:30:00+08:00
hr record 王秀兰 -d 2020-02-17 --by 办公室小刘 --temp 36.5
hr record 刘建华 -d 2020-02-17 --by 办公室小刘 --temp 36.6
hr record 赵大海 -d 2020-02-17 --by 办公室小刘 --temp 36.5
hr record 黄小宝 -d 2020-02-17 --by 办公室小刘 --temp 37.8 --symptom 咳嗽 --note 已就医，普通感冒

at 2020-02-17T17:00:00+08:00
hr supplies report 新街口社区 --item 消毒液 --need 50 --have 10 --unit 瓶 -d 2020-02-17 --note 已报住建局

# 2020-02-18: 黄涛 goes into home isolation after contact but is still
# recorded on site; 刘建华's 14 days are over; 赵大海 came back from Shanghai;
# 陈思 and 吴小满 have not reported; 黄小宝's temperature was corrected.
SKIP="陈思 吴小满" day 2020-02-18
at 2020-02-18T08:30:00+08:00
hr record 王秀兰 -d 2020-02-18 --by 办公室小刘 --temp 36.6
hr record 刘建华 -d 2020-02-18 --by 办公室小刘 --temp 36.4
hr record 赵大海 -d 2020-02-18 --by 办公室小刘 --temp 36.5 --location 北京市通州区 --note 2月17日自上海返京
hr record 黄小宝 -d 2020-02-18 --by 办公室小刘 --temp 37.9 --symptom 咳嗽 --symptom 乏力
at 2020-02-18T09:10:00+08:00
hr record 黄小宝 -d 2020-02-18 --by 办公室小刘 --temp 37.5 --symptom 咳嗽 --note 复测
hr record 黄涛 -d 2020-02-18 --by 办公室小刘 --temp 36.5 --contact --isolation 居家隔离 --note 接触武汉返京人员

echo "examples/bureau rebuilt"
