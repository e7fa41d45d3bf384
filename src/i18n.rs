//! Every label a report shows, in one table: Chinese and English. JSON keys
//! never come from here; they stay English whatever the language.

use crate::cli::Lang;
use crate::person::{Kind, Relation};
use crate::record::{Isolation, Work};

macro_rules! labels {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A label key; `text` gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum L { $($key),* }

        impl L {
            pub const ALL: &'static [L] = &[$(L::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((L::$key, Lang::Zh) => $zh, (L::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

labels! {
    // Report titles.
    DailyTitle => "工作人员及家人动态情况日报表", "Daily report of staff and families";
    ResidentsTitle => "常住人口统计表", "Resident count";
    SummaryTitle => "疫情防控情况汇总", "Summary";
    MissingTitle => "未报人员", "Not reported";
    AlertsTitle => "预警", "Alerts";
    TrendTitle => "每日趋势", "Trend";
    RosterTitle => "人员名册", "Roster";
    HistoryTitle => "记录历史", "Record history";
    // Columns.
    No => "序号", "No.";
    MorningTitle => "晨报", "Morning report";
    ExportTitle => "填报记录", "Records";
    TemplateTitle => "每日填报表", "Daily entry form";
    Org => "单位", "Unit";
    PageOfPages => "第 {page} 页 共 {pages} 页", "Page {page} of {pages}";
    MarkLegend => "▲ 发热或预警", "▲ fever or alert";
    Id => "编号", "ID";
    Name => "姓名", "Name";
    Role => "身份", "Role";
    Kind => "类别", "Kind";
    Of => "所属职工", "Staff member";
    Household => "所属职工", "Staff member";
    Relation => "关系", "Relation";
    Dept => "部门", "Dept";
    Phone => "电话", "Phone";
    PartyMember => "党员", "Party member";
    Veteran => "退役军人", "Veteran";
    Since => "起始日期", "Since";
    Until => "截止日期", "Until";
    Date => "日期", "Date";
    Location => "所在地", "Location";
    Local => "是否在本地", "Local";
    Temperature => "体温(℃)", "Temp (°C)";
    TemperatureAm => "体温(上午)", "Temp AM (°C)";
    TemperaturePm => "体温(下午)", "Temp PM (°C)";
    ObservationSince => "医学观察开始", "Observation since";
    Symptoms => "症状", "Symptoms";
    Contact => "接触高风险地区人员", "High-risk contact";
    Isolation => "隔离情况", "Isolation";
    IsolationSince => "隔离开始", "Isolation since";
    IsolationEnds => "隔离期满", "Isolation ends";
    Work => "工作状态", "Work";
    Post => "一线岗位", "Frontline post";
    Note => "备注", "Note";
    RecordedAt => "填报时间", "Recorded at";
    RecordedBy => "填报人", "Recorded by";
    Version => "版本", "Version";
    Status => "状态", "Status";
    Reason => "原因", "Reason";
    Removed => "已删除(误录)", "Removed (entered by mistake)";
    Op => "记录类型", "Entry";
    DaysMissed => "连续未报天数", "Days missed";
    LastReport => "最近填报", "Last report";
    NeverReported => "从未填报", "never";
    HouseholdSize => "家庭人数", "Household";
    LocalCount => "在本地", "Local";
    AwayCount => "在外地", "Away";
    AwayPlaces => "外地人员所在地", "Where the away are";
    Returned => "返回未满隔离期", "Returned recently";
    ContactCount => "接触人数", "Contact";
    IsolatedCount => "隔离人数", "Isolated";
    Item => "项目", "Item";
    Count => "人数", "Count";
    Staff => "职工", "Staff";
    Family => "家属", "Family";
    All => "合计", "All";
    AlertKind => "预警类型", "Alert";
    Detail => "详情", "Detail";
    Expected => "应报", "Expected";
    Reported => "已报", "Reported";
    Missing => "未报", "Missing";
    Fever => "发热", "Fever";
    Isolated => "隔离", "Isolated";
    OnSite => "在岗", "On site";
    Remote => "居家/弹性", "Remote";
    Frontline => "一线", "Frontline";
    Leave => "休假", "Leave";
    PartyFrontline => "党员在一线", "Party members at frontline";
    Total => "合计", "Total";
    // Values.
    SelfRole => "本人", "self";
    Spouse => "配偶", "spouse";
    Child => "子女", "child";
    Parent => "父母", "parent";
    OtherRelation => "其他", "other";
    StaffKind => "职工", "staff";
    FamilyKind => "家属", "family";
    Yes => "是", "yes";
    NoValue => "否", "no";
    NotReported => "未报", "missing";
    IsolationNone => "无", "none";
    IsolationHome => "居家隔离", "home";
    IsolationCentral => "集中隔离", "central";
    Until_ => "至", "until";
    Current => "有效", "current";
    Replaced => "已更正", "replaced";
    Voided => "已撤回", "withdrawn";
    Undone => "已撤销", "undone";
    UndoEntry => "撤销操作", "undo";
    // Alerts.
    AlertFever => "发热", "fever";
    AlertContact => "接触未隔离", "contact not isolated";
    AlertIsolatedWorking => "隔离期间工作", "isolated but working";
    AlertIsolationComplete => "隔离期满", "isolation complete";
    FeverDetail => "体温", "temperature";
    ContactDetail => "与高风险地区人员接触，须立即报告单位负责人并隔离", "contact with people from a high-risk area: report to the head of the unit and isolate at once";
    HighRiskAreaDetail => "位于高风险地区", "located in a high-risk area";
    IsolatedWorkingDetail => "隔离期间不得上岗（五不准）", "nobody may work while isolated";
    AlertObservationComplete => "医学观察期满", "observation complete";
    ObservationCompleteDetail => "医学观察期已满", "observation period complete";
    IsolationCompleteDetail => "隔离期已满，可解除", "isolation period complete, may be released";
    // Sections and sentences.
    Counts => "人数统计", "Counts";
    ByDept => "各部门情况", "By department";
    NoAlerts => "无预警", "No alerts";
    NobodyMissing => "无未报人员", "Everyone has reported";
    ZeroReport => "零报告", "Nothing to report";
    SignFiller => "填报人", "Prepared by";
    SignReviewer => "审核人", "Reviewed by";
    SignDate => "日期", "Date";
    NoDept => "（未分部门）", "(no dept)";
    TotalsLine => "合计", "Totals";
    PeopleUnit => " 人", "";
    InAll => "共", "in all";
    ListSep => "，", ", ";
    GroupSep => "；", "; ";
    Colon => "：", ": ";
    FullStop => "。", ".";
    NoEarlierRecord => "（无以往记录）", "(no earlier record)";
    // Posts, the vanguard ledger and the supply table (SPEC §9).
    FrontlineTitle => "党员先锋岗台账", "Vanguard ledger of the frontline posts";
    SuppliesTitle => "“共产党员先锋岗”包保小区防控疫情物资欠缺情况统计表", "Supply shortages at the communities the vanguard posts support";
    PostsTitle => "一线岗位", "Frontline posts";
    PostId => "岗位编号", "Post ID";
    PostName => "岗位", "Post";
    PostCommunity => "所在社区", "Community";
    PostContact => "联系人", "Contact";
    Registered => "是否登记", "Registered";
    Unregistered => "未登记", "not registered";
    NoPost => "（未填岗位）", "(no post given)";
    ByPost => "各岗位情况", "By post";
    PostPeople => "各岗位在岗人员", "Who served at each post";
    ByPerson => "个人在岗台账", "By person";
    PeopleServed => "在岗人数", "People";
    PartyCount => "党员人数", "Party members";
    PersonDays => "人天", "Person-days";
    DaysStaffed => "有人在岗天数", "Days staffed";
    ServedOn => "在岗日期", "Days served";
    DaysCount => "在岗天数", "Days";
    FirstDay => "首日", "First day";
    LastDay => "末日", "Last day";
    PostsServed => "所在岗位", "Posts";
    ServedPeopleTotal => "在岗人员", "People who served";
    PartyAmong => "其中党员", "Party members among them";
    PersonDaysTotal => "累计人天", "Person-days";
    PostsUsed => "岗位", "Posts";
    PostsUnit => " 个", "";
    UnregisteredPosts => "记录中使用但未登记的岗位（可用 post add 登记）", "Posts used in records but not registered (register them with post add)";
    NoService => "期间无一线在岗记录", "Nobody served at a frontline post in the period";
    SupplyPost => "社区/小区", "Community (post)";
    ItemName => "物资名称", "Item";
    Need => "需求数量", "Needed";
    Have => "现有数量", "On hand";
    Gap => "缺口数量", "Shortage";
    ReportedOn => "上报日期", "Reported on";
    SolvedBy => "解决单位", "Solved by";
    Unsolved => "未解决", "unsolved";
    Solved => "已解决", "solved";
    Corrected => "已更正", "corrected";
    ItemTotals => "各物资缺口合计", "Total shortage per item";
    GapTotal => "缺口合计", "Total shortage";
    OpenGap => "其中未解决", "Of which unsolved";
    UnsolvedCount => "未解决", "Unsolved";
    SolvedCount => "已解决", "Solved";
    ShortagesLead => "物资欠缺", "Shortages";
    ItemsUnit => " 项", "";
    NoShortages => "无物资欠缺", "No shortages";
    SolvedOn => "解决于", "solved on";
    Unit => "单位", "Unit";
    OpReport => "上报", "report";
    OpResolve => "解决", "resolve";
    SupplyExportTitle => "物资欠缺上报记录", "Supply reports";
    // record --chat: the preview of a roll-call.
    ChatTitle => "接龙预览", "Roll-call preview";
    SourceLine => "行", "Line";
    Remark => "说明", "Remark";
    ChatNotUnderstood => "没看懂的行（未记录）：", "Lines not understood (not recorded):";
    ChatChase => "提到了但没有体温（未记录，请追问）：", "Named without a temperature (not recorded; ask them):";
    ChatMissing => "名册上还没有报送的人：", "On the roster and not reported yet:";
    ChatAlerts => "预警：", "Alerts:";
    ChatNothing => "（无）", "(none)";
}

pub fn kind(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::Staff => L::StaffKind.text(lang),
        Kind::Family => L::FamilyKind.text(lang),
    }
}

pub fn relation(r: Relation, lang: Lang) -> &'static str {
    match r {
        Relation::Spouse => L::Spouse.text(lang),
        Relation::Child => L::Child.text(lang),
        Relation::Parent => L::Parent.text(lang),
        Relation::Other => L::OtherRelation.text(lang),
    }
}

pub fn work(w: Work, lang: Lang) -> &'static str {
    match w {
        Work::OnSite => L::OnSite.text(lang),
        Work::Remote => L::Remote.text(lang),
        Work::Frontline => L::Frontline.text(lang),
        Work::Leave => L::Leave.text(lang),
    }
}

pub fn isolation(i: Isolation, lang: Lang) -> &'static str {
    match i {
        Isolation::None => L::IsolationNone.text(lang),
        Isolation::Home => L::IsolationHome.text(lang),
        Isolation::Central => L::IsolationCentral.text(lang),
    }
}

pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        L::Yes.text(lang)
    } else {
        L::NoValue.text(lang)
    }
}

/// A sentence of counts in groups: `合计：应报 3 人，已报 2 人；发热 1 人。` /
/// `Totals: Expected 3, Reported 2; Fever 1.`
pub fn counts_line(lead: L, groups: &[&[(L, usize)]], lang: Lang) -> String {
    let groups: Vec<String> = groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|(label, n)| format!("{} {n}{}", label.text(lang), L::PeopleUnit.text(lang)))
                .collect::<Vec<_>>()
                .join(L::ListSep.text(lang))
        })
        .collect();
    format!(
        "{}{}{}{}",
        lead.text(lang),
        L::Colon.text(lang),
        groups.join(L::GroupSep.text(lang)),
        L::FullStop.text(lang)
    )
}

/// `（医学观察第3天，至2020-02-15）`: an open observation's day and end.
pub fn observation_day(day: i64, ends: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（医学观察第{day}天，至{ends}）"),
        Lang::En => format!(" (observation day {day}, until {ends})"),
    }
}

/// `第3天`: an episode's day number.
pub fn episode_day(day: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{day}天"),
        Lang::En => format!("day {day}"),
    }
}

/// The label key whose text in either language is `text`, for reading
/// headers written by `roster --format csv` or `export` in any language.
pub fn key_of(text: &str, candidates: &[L]) -> Option<L> {
    let t = text.trim();
    candidates
        .iter()
        .copied()
        .find(|l| l.text(Lang::Zh) == t || l.text(Lang::En).eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages() {
        for l in L::ALL {
            assert!(!l.text(Lang::Zh).is_empty(), "{l:?}");
            // English counts need no unit word.
            if !matches!(*l, L::PeopleUnit | L::PostsUnit | L::ItemsUnit) {
                assert!(!l.text(Lang::En).is_empty(), "{l:?}");
            }
        }
    }

    #[test]
    fn header_lookup_in_either_language() {
        assert_eq!(key_of("姓名", &[L::Id, L::Name]), Some(L::Name));
        assert_eq!(key_of("name", &[L::Id, L::Name]), Some(L::Name));
        assert_eq!(key_of("nom", &[L::Id, L::Name]), None);
    }
}
