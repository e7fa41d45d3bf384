//! Builds a large synthetic store for benchmarks (SPEC §7), through the
//! library's own store code, so the files are exactly what `record` writes.
//!
//! ```sh
//! cargo run --release --example synth -- --store /tmp/big --people 300 --days 3650
//! ```
//!
//! `--people N` makes N/3 staff (`S001`…), each with a spouse and a child or
//! parent (`S001-1`, `S001-2`), and one record per person per day from
//! `--start`. Values are realistic and deterministic (a seeded xorshift, no
//! clock): mostly well people at home in 北京, a few fevers, trips to other
//! cities (sometimes 武汉/温州, followed by home isolation), high-risk
//! contacts (isolated at once), frontline posts, notes now and then.
//!
//! One writers' lock is held for the whole run and each day is one
//! `append_entries` call (one write and fsync of a new day file).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use clap::Parser;

use healthreport::person::{Kind, Person, Relation};
use healthreport::record::{Isolation, Record, Work};
use healthreport::store::journal::WriteKind;
use healthreport::store::{Config, Entry, RosterEvent, RosterOp, Store, new_entry_id};

#[derive(Debug, Parser)]
#[command(about = "Write a synthetic healthreport store for benchmarks")]
struct Args {
    /// Folder of the new store (must not exist or be empty)
    #[arg(long)]
    store: PathBuf,
    /// People in all: a third staff, each with two family members
    #[arg(long, default_value_t = 300)]
    people: usize,
    /// Days of records, one per person per day
    #[arg(long, default_value_t = 3650)]
    days: u32,
    /// First day of records
    #[arg(long, default_value = "2020-01-22")]
    start: NaiveDate,
    /// Seed of the pseudo-random values
    #[arg(long, default_value_t = 2020)]
    seed: u64,
}

/// xorshift64*: small, fast, and the same numbers on every machine, which
/// is all a benchmark fixture needs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // A zero state would stay zero forever.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability 1/n.
    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SURNAMES: [&str; 30] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];
const GIVEN: [&str; 40] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "建国", "玉兰", "志强", "慧",
    "晨", "欣怡", "子涵", "浩然", "雨桐", "宇轩", "思远", "嘉怡", "一鸣", "佳琪",
];
const DEPTS: [&str; 6] = [
    "办公室",
    "综合科",
    "财务科",
    "后勤保障科",
    "机关党委",
    "信息中心",
];
const DISTRICTS: [&str; 6] = [
    "北京市东城区",
    "北京市西城区",
    "北京市朝阳区",
    "北京市海淀区",
    "北京市丰台区",
    "北京市通州区",
];
/// Trip destinations; the high-risk ones are rare on purpose.
const AWAY: [&str; 12] = [
    "上海市",
    "天津市",
    "河北省石家庄市",
    "广东省广州市",
    "浙江省杭州市",
    "四川省成都市",
    "山东省济南市",
    "河南省郑州市",
    "上海市",
    "天津市",
    "湖北省武汉市",
    "浙江省温州市",
];
const POSTS: [&str; 6] = [
    "和平里社区",
    "东四街道",
    "交道口社区",
    "安定门社区",
    "北新桥社区",
    "景山街道",
];
/// Notes, including the awkward ones for CSV: a comma, quotes, a leading `-`.
const NOTES: [&str; 8] = [
    "已做核酸检测，结果阴性",
    "陪同家人就医",
    "返京后居家观察",
    "体温复测, 正常",
    "自述\"无不适\"",
    "-已报社区备案",
    "在家照顾老人",
    "单位安排轮休",
];
const SYMPTOMS: [&str; 4] = ["咳嗽", "乏力", "咽痛", "头痛"];
const CLERKS: [&str; 3] = ["办公室小刘", "办公室小刘", "值班员老王"];

/// What a person's record carries from day to day.
struct State {
    home: &'static str,
    staff: bool,
    location: &'static str,
    away_until: Option<NaiveDate>,
    isolation: Isolation,
    isolation_since: Option<NaiveDate>,
    /// The staff member's usual work, and post when it is frontline.
    usual: (Work, Option<&'static str>),
    fever_days: u32,
}

fn people(count: usize, rng: &mut Rng) -> Vec<Person> {
    let households = count / 3;
    let mut out = Vec::with_capacity(households * 3);
    let mut n = 0usize;
    // Distinct names for the first 1,200 people: surname and given name
    // walk through their lists at different strides.
    let mut name = || {
        let i = n;
        n += 1;
        let given = GIVEN[(i / SURNAMES.len() + i * 7) % GIVEN.len()];
        format!("{}{}", SURNAMES[i % SURNAMES.len()], given)
    };
    for h in 1..=households {
        let id = format!("S{h:03}");
        let phone = format!("138{:08}", 10_000 + h);
        out.push(Person {
            id: id.clone(),
            name: name(),
            kind: Kind::Staff,
            of: None,
            relation: None,
            dept: Some(DEPTS[(h - 1) % DEPTS.len()].to_string()),
            phone: Some(phone),
            party_member: rng.one_in(2),
            veteran: rng.one_in(12),
            since: None,
            until: None,
            removed: None,
        });
        for (k, relation) in [
            (1, Relation::Spouse),
            (
                2,
                if rng.one_in(3) {
                    Relation::Parent
                } else {
                    Relation::Child
                },
            ),
        ] {
            out.push(Person {
                id: format!("{id}-{k}"),
                name: name(),
                kind: Kind::Family,
                of: Some(id.clone()),
                relation: Some(relation),
                dept: None,
                phone: (k == 1).then(|| format!("139{:08}", 10_000 + h)),
                party_member: false,
                veteran: false,
                since: None,
                until: None,
                removed: None,
            });
        }
    }
    out
}

fn usual_work(rng: &mut Rng) -> (Work, Option<&'static str>) {
    match rng.below(10) {
        0..=5 => (Work::OnSite, None),
        6 | 7 => (Work::Remote, None),
        _ => (Work::Frontline, Some(*rng.pick(&POSTS))),
    }
}

/// One person's record for `date`, moving their state on a day.
fn next_record(
    rng: &mut Rng,
    st: &mut State,
    person: &str,
    date: NaiveDate,
    at: DateTime<FixedOffset>,
) -> Record {
    let isolation_days = Duration::days(14);
    // Trips: come back when due (from a high-risk area into home
    // isolation), or now and then set off.
    match st.away_until {
        Some(back) if date >= back => {
            let risky = st.location.contains("武汉") || st.location.contains("温州");
            st.location = st.home;
            st.away_until = None;
            if risky && !st.isolation.is_isolated() {
                st.isolation = Isolation::Home;
                st.isolation_since = Some(date);
            }
        }
        None if rng.one_in(300) => {
            st.location = *rng.pick(&AWAY);
            st.away_until = Some(date + Duration::days(2 + rng.below(19) as i64));
        }
        _ => {}
    }
    let contact = rng.one_in(2_500);
    if contact && !st.isolation.is_isolated() {
        st.isolation = if rng.one_in(4) {
            Isolation::Central
        } else {
            Isolation::Home
        };
        st.isolation_since = Some(date);
    }
    if let Some(since) = st.isolation_since
        && date >= since + isolation_days
    {
        st.isolation = Isolation::None;
        st.isolation_since = None;
    }
    if st.fever_days == 0 && rng.one_in(700) {
        st.fever_days = 1 + rng.below(3) as u32;
    }
    let (temperature, symptoms) = if st.fever_days > 0 {
        st.fever_days -= 1;
        let mut symptoms = vec!["发热".to_string()];
        if rng.one_in(2) {
            symptoms.push(rng.pick(&SYMPTOMS).to_string());
        }
        (37.3 + rng.below(17) as f64 / 10.0, symptoms)
    } else {
        // 35.9 to 37.1, most around 36.5.
        let t = 359 + (rng.below(7) + rng.below(7)) as i64;
        let symptoms = if rng.one_in(400) {
            vec![rng.pick(&SYMPTOMS).to_string()]
        } else {
            Vec::new()
        };
        (t as f64 / 10.0, symptoms)
    };
    let (work, post) = if st.staff {
        if rng.one_in(90) {
            st.usual = usual_work(rng);
        }
        // Nobody works on site or at a post while isolated (SPEC §0), and
        // nobody away works on site.
        if st.isolation.is_isolated() || st.away_until.is_some() {
            (
                Some(if rng.one_in(3) {
                    Work::Leave
                } else {
                    Work::Remote
                }),
                None,
            )
        } else if rng.one_in(60) {
            (Some(Work::Leave), None)
        } else {
            (Some(st.usual.0), st.usual.1.map(str::to_string))
        }
    } else {
        (None, None)
    };
    Record {
        date,
        person: person.to_string(),
        temperature: (temperature * 10.0_f64).round() / 10.0,
        temperature_pm: None,
        symptoms,
        location: Some(st.location.to_string()),
        contact,
        observation_since: None,
        isolation: st.isolation,
        isolation_since: st.isolation_since,
        work,
        post,
        note: rng.one_in(250).then(|| rng.pick(&NOTES).to_string()),
        recorded_at: at,
        recorded_by: rng.pick(&CLERKS).to_string(),
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.people < 3 {
        bail!("--people must be at least 3 (one household)");
    }
    let started = Instant::now();
    let beijing = FixedOffset::east_opt(8 * 3600).context("the +08:00 offset")?;
    let config = Config {
        org: "某区机关事务管理局".into(),
        home_city: "北京".into(),
        timezone: "+08:00".into(),
        ..Config::default()
    };
    let store = Store::init(&args.store, config)
        .with_context(|| format!("cannot create the store at {}", args.store.display()))?;
    let mut rng = Rng::new(args.seed);

    let roster = people(args.people, &mut rng);
    let added = beijing
        .from_local_datetime(&args.start.and_hms_opt(7, 0, 0).context("07:00")?)
        .single()
        .context("start time")?;
    let events: Vec<RosterEvent> = roster
        .iter()
        .map(|p| RosterEvent {
            op: RosterOp::Add,
            at: added,
            by: "synth".into(),
            person: p.clone(),
        })
        .collect();
    let mut tx = store.begin(WriteKind::RosterImport, "synth")?;
    tx.append_roster(&events)?;
    tx.commit()?;

    let mut states: Vec<State> = roster
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let home = DISTRICTS[(i / 3) % DISTRICTS.len()];
            State {
                home,
                staff: p.kind == Kind::Staff,
                location: home,
                away_until: None,
                isolation: Isolation::None,
                isolation_since: None,
                usual: usual_work(&mut rng),
                fever_days: 0,
            }
        })
        .collect();

    let mut entries = Vec::with_capacity(roster.len());
    let mut written = 0usize;
    for d in 0..args.days {
        let date = args.start + Duration::days(i64::from(d));
        let morning = beijing
            .from_local_datetime(&date.and_hms_opt(8, 0, 0).context("08:00")?)
            .single()
            .context("record time")?;
        entries.clear();
        for (p, st) in roster.iter().zip(states.iter_mut()) {
            let at = morning + Duration::seconds(rng.below(3_600) as i64);
            let record = next_record(&mut rng, st, &p.id, date, at);
            entries.push(Entry::from_record(new_entry_id(at), &record));
        }
        // One write per day: a whole history in one would be held in memory.
        let mut tx = store.begin(WriteKind::Batch, "synth")?;
        tx.append_entries(&entries)?;
        tx.commit()
            .with_context(|| format!("cannot write the records of {date}"))?;
        written += entries.len();
    }
    eprintln!(
        "wrote {} people and {written} records ({} days from {}) to {} in {:.1} s",
        roster.len(),
        args.days,
        args.start,
        args.store.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
