//! The whole command-line tree. Values with Chinese aliases (work, isolation,
//! relation, dates, temperatures) are taken as text here and validated by the
//! domain modules, so a bad value is a data error (exit 1) with a hint, while
//! a malformed command line is a usage error (exit 2).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The command line: the global flags and one command. `C` is the command
/// enum: [`Command`] to parse a run, [`CommandTree`] to build the whole tree
/// for help, usage errors, completions and the manual page.
#[derive(Debug, Parser)]
#[command(
    name = "healthreport",
    version,
    about = "Daily health status of staff and their households: 工作人员及家人动态情况日报表",
    long_about = "Keeps the daily status of every staff member and every member of their household \
                  (whereabouts, temperature, symptoms, high-risk contact, isolation, work) in a local \
                  store, and prints the daily report, the resident-count table and the summary for \
                  the head of the unit as text, CSV, JSON, Markdown or printable HTML."
)]
pub struct Root<C: Subcommand> {
    /// Store folder [default: $HEALTHREPORT_STORE, else ~/.local/share/healthreport]
    // Global flags are listed after each command's own (display_order):
    // as propagated they fell between a command's first options.
    #[arg(long, global = true, value_name = "DIR", display_order = 900)]
    pub store: Option<PathBuf>,

    /// Language: zh or en [default: $HEALTHREPORT_LANG, else the store's `lang`, else zh]
    #[arg(
        long,
        global = true,
        value_enum,
        env = "HEALTHREPORT_LANG",
        display_order = 901
    )]
    pub lang: Option<Lang>,

    /// Print only results and errors: no confirmations, no warnings
    #[arg(long, short, global = true, display_order = 902)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: C,
}

/// A run's command line.
pub type Cli = Root<Command>;

/// The whole tree, every subcommand's arguments built (`cli_lang::localized`).
pub type CliTree = Root<CommandTree>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文
    Zh,
    /// English
    En,
}

/// The commands, twice from one list: `Command` has clap build a
/// subcommand's arguments only when it is the one parsed (`defer`);
/// `CommandTree` builds them all, in the order help and completions show
/// them (deferred ones come after the global flags). Building every
/// subcommand for each run was 0.45 M of a one-day summary's 8.4 M
/// instructions (SPEC §7, start-up). A deferred command has no arguments
/// yet when its own attributes apply: a `mut_arg` goes on its `Args` struct
/// (`PrintArgs`); `the_command_tree_is_consistent` builds both trees.
macro_rules! commands {
    ($($variants:tt)*) => {
        #[derive(Debug, Subcommand)]
        #[command(defer = true)]
        pub enum Command { $($variants)* }

        #[derive(Debug, Subcommand)]
        pub enum CommandTree { $($variants)* }
    };
}

commands! {
    /// Create a new store
    Init(InitArgs),
    /// Show or change the store's settings
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Add staff members
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Add members of a staff member's household
    #[command(subcommand)]
    Family(FamilyCommand),
    /// Change a person's details or record that they left
    #[command(subcommand)]
    Person(PersonCommand),
    /// List the households active on a day, or import a roster CSV
    Roster(RosterArgs),
    /// Record one person's status for a day (again on the same day: a correction),
    /// or a whole CSV of records with --batch, or a WeChat 接龙 with --chat
    Record(RecordArgs),
    /// Write the day's batch CSV: one row per person, carried values filled in, temperature empty
    Template(TemplateArgs),
    /// Withdraw a day's record (kept in the store as a withdrawal)
    Void(VoidArgs),
    /// Take back the store's last write of any kind, shown first; nothing is deleted
    Undo(UndoArgs),
    /// Show every recorded version of a person's days, corrections and withdrawals included
    History(HistoryArgs),
    /// The daily report (工作人员及家人动态情况日报表): one row per person
    Daily(ReportArgs),
    /// The resident-count table (常住人口统计表): one row per household
    Residents(ReportArgs),
    /// For the head of the unit: counts, per department, alerts, who is missing
    Summary(StrictReportArgs),
    /// Who has not reported, with a phone number to chase
    Missing(StrictReportArgs),
    /// Fever, contact not isolated, isolated but working, isolation complete
    Alerts(StrictReportArgs),
    /// Counts per day over a period, with a chart
    Trend(TrendArgs),
    /// The head's morning in one file to print: summary, daily report and resident
    /// table, each on new pages; e.g. `print -o 晨报.pdf` (HTML, PDF through
    /// Chromium or Chrome, or xlsx) [default: HTML on standard output]
    Print(PrintArgs),
    /// Export the records themselves as CSV (the batch columns) or JSON Lines;
    /// with --what, the posts or the supply reports instead
    Export(ExportArgs),
    /// Frontline posts (党员先锋岗): register, change and list them
    #[command(subcommand)]
    Post(PostCommand),
    /// The vanguard ledger (党员先锋岗台账): who served at which post on which days,
    /// person-days, Party members
    Frontline(FrontlineArgs),
    /// The supply-shortage table (物资欠缺情况统计表) as of a day; `supplies report`
    /// and `supplies resolve` keep it
    Supplies(SuppliesArgs),
    /// Verify the whole store: torn or corrupt lines, unknown people, misplaced
    /// files, permissions; every problem with its file and line (writes nothing)
    Check,
    /// Move torn and corrupt lines to quarantine.jsonl (nothing is deleted) and
    /// make files 0600 and folders 0700; says what it moved
    Repair,
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `healthreport manpage > healthreport.1`
    Manpage,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Name of the organisation, shown in report titles
    #[arg(long)]
    pub org: Option<String>,
    /// The home city: a location containing it counts as local
    #[arg(long)]
    pub home_city: Option<String>,
    /// Who fills in the reports: shown as 填报人 on every record unless
    /// `record --by` says otherwise (the setting `clerk`)
    #[arg(long, value_name = "NAME")]
    pub clerk: Option<String>,
    // The store's default language comes from the global --lang.
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting, each under a line saying what it is
    Show {
        /// Print the settings as JSON
        #[arg(long)]
        json: bool,
    },
    /// Change one setting: org, home_city, high_risk, fever_threshold,
    /// isolation_days, lang, csv_encoding, timezone, clerk or report_mode
    /// (or its Chinese name as config show gives it, e.g. 本地城市)
    Set {
        /// The setting's name
        key: String,
        /// Its new value
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff member (id S001, S002… unless given)
    Add(StaffAddArgs),
}

#[derive(Debug, Args)]
pub struct StaffAddArgs {
    /// Full name
    pub name: String,
    /// Id to use instead of the next free S-number
    #[arg(long)]
    pub id: Option<String>,
    /// Department
    #[arg(long)]
    pub dept: Option<String>,
    /// Phone number, to chase a missing report
    #[arg(long)]
    pub phone: Option<String>,
    /// Member of the Party (counted at frontline posts)
    #[arg(long)]
    pub party_member: bool,
    /// Veteran
    #[arg(long)]
    pub veteran: bool,
    /// First day the person is expected to report [default: today]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Add the person even though someone of the same name is on the roster
    #[arg(long)]
    pub same_name: bool,
}

#[derive(Debug, Subcommand)]
pub enum FamilyCommand {
    /// Add a household member of a staff member (id S001-1, S001-2… unless given)
    Add(FamilyAddArgs),
}

#[derive(Debug, Args)]
pub struct FamilyAddArgs {
    /// Full name
    pub name: String,
    /// The staff member whose household this is (id or name)
    #[arg(long, value_name = "STAFF")]
    pub of: String,
    /// Relation to the staff member: spouse/配偶, child/子女, parent/父母, other/其他
    #[arg(long)]
    pub relation: String,
    /// Id to use instead of the next free one under the staff member
    #[arg(long)]
    pub id: Option<String>,
    /// Phone number
    #[arg(long)]
    pub phone: Option<String>,
    /// Member of the Party
    #[arg(long)]
    pub party_member: bool,
    /// Veteran
    #[arg(long)]
    pub veteran: bool,
    /// First day the person is expected to report [default: today]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Add the person even though someone of the same name is on the roster
    #[arg(long)]
    pub same_name: bool,
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Change a person's details; history stays as it was recorded
    Edit(PersonEditArgs),
    /// Record that a person left (no longer expected from the day after); nothing is deleted
    Leave(PersonLeaveArgs),
    /// Take out a person entered by mistake: gone from every report; `undo` brings them back
    Remove(PersonRemoveArgs),
}

#[derive(Debug, Args)]
pub struct PersonRemoveArgs {
    /// Id or name
    pub person: String,
    /// Why (e.g. entered twice)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct PersonEditArgs {
    /// Id or name
    pub person: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// New department (staff only; family follow their staff member)
    #[arg(long)]
    pub dept: Option<String>,
    /// New phone number ("" clears it)
    #[arg(long)]
    pub phone: Option<String>,
    /// New relation (family only)
    #[arg(long)]
    pub relation: Option<String>,
    /// Mark as Party member
    #[arg(long, overrides_with = "no_party_member")]
    pub party_member: bool,
    /// Mark as not a Party member
    #[arg(long)]
    pub no_party_member: bool,
    /// Mark as veteran
    #[arg(long, overrides_with = "no_veteran")]
    pub veteran: bool,
    /// Mark as not a veteran
    #[arg(long)]
    pub no_veteran: bool,
    /// First day expected to report ("" clears it)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day expected to report ("" clears it)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Change --since/--until even though records fall outside the new window
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct PersonLeaveArgs {
    /// Id or name
    pub person: String,
    /// Last day the person is expected to report [default: today]
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Leave even though the person has records after that day
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RosterArgs {
    #[command(subcommand)]
    pub action: Option<RosterAction>,
    /// Day whose active people to list [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// List everyone ever added, whatever their dates
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum RosterAction {
    /// Add and update people from a CSV with the columns `roster --format csv` writes
    /// (headers in Chinese or English); all rows or none
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The roster: CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 as Excel saves it) or a
    /// workbook (.xlsx); columns it does not use, and ID-card numbers, are ignored
    pub file: PathBuf,
    /// Check every row and say what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The file's encoding: utf8 or gbk [default: detected]
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// The day the people this file adds start on, unless their row has a
    /// start date [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Add rows without an id even when their name is on the roster already
    #[arg(long)]
    pub same_name: bool,
    /// Change since/until even though records fall outside the new window
    #[arg(long)]
    pub force: bool,
    /// The sheet of a workbook to read [default: the first]
    #[arg(long, value_name = "SHEET")]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("from_file").args(["batch", "chat"])))]
pub struct RecordArgs {
    /// Id or name of the person
    #[arg(required_unless_present_any = ["batch", "interactive", "chat"])]
    pub person: Option<String>,
    /// Day of the record [default: today]; never in the future. With --batch: the day of rows without a date
    #[arg(long, short, value_name = "DATE")]
    pub date: Option<String>,
    /// Temperature in °C, 34.0 to 43.0 (the morning reading) [default in a
    /// correction: the replaced version's readings]
    #[arg(long, short, value_name = "CELSIUS", allow_negative_numbers = true)]
    pub temp: Option<String>,
    /// The afternoon temperature in °C, for people taken twice a day; alone on
    /// a day already recorded it adds the reading to that record
    #[arg(long, value_name = "CELSIUS", allow_negative_numbers = true)]
    pub temp_pm: Option<String>,
    /// Walk through everyone not yet reported on the day, household by household:
    /// type the temperature, Enter keeps the values shown
    #[arg(long, short = 'I', conflicts_with_all = ["person", "temp", "temp_pm", "batch", "chat"])]
    pub interactive: bool,
    /// With --interactive: the afternoon round: everyone under observation or
    /// isolated who reported on the day, asked for the afternoon temperature
    #[arg(long, requires = "interactive")]
    pub pm: bool,
    /// Import a CSV of records (the columns `template` and `export` write); all rows or none
    #[arg(long, value_name = "FILE", conflicts_with_all = ["person", "temp", "temp_pm"])]
    pub batch: Option<PathBuf>,
    /// Read a WeChat group roll-call (接龙) pasted into FILE, or `-` for standard
    /// input: preview every record with its line, then write them all as one write
    #[arg(long, value_name = "FILE", conflicts_with_all = ["person", "temp", "temp_pm", "batch"])]
    pub chat: Option<PathBuf>,
    /// With --chat: write without asking (needed when not at a terminal)
    #[arg(long, short = 'y', requires = "chat")]
    pub yes: bool,
    /// With --batch or --chat: check everything and say what would be written; write nothing
    #[arg(long, requires = "from_file")]
    pub dry_run: bool,
    /// With --batch or --chat: the file's encoding, utf8 or gbk [default: detected]
    #[arg(long, value_name = "ENCODING", requires = "from_file")]
    pub encoding: Option<String>,
    /// With --batch: the sheet of a workbook (.xlsx) to read [default: the first]
    #[arg(long, value_name = "SHEET", requires = "batch")]
    pub sheet: Option<String>,
    /// A symptom (repeat for several)
    #[arg(long = "symptom", short, value_name = "TEXT")]
    pub symptoms: Vec<String>,
    /// Where the person is [default: as last recorded]
    #[arg(long, short, value_name = "PLACE")]
    pub location: Option<String>,
    /// Had (new) contact with people from a high-risk area: opens, or restarts, a
    /// contact observation of isolation_days
    #[arg(long, overrides_with = "no_contact")]
    pub contact: bool,
    /// Had no such contact [default: no, or as carried while an observation is open]
    #[arg(long)]
    pub no_contact: bool,
    /// Isolation: none/无, home/居家隔离, central/集中隔离 [default: as last recorded]
    #[arg(long, short, value_name = "KIND")]
    pub isolation: Option<String>,
    /// First day of the isolation [default: the day it was first recorded]
    #[arg(long, value_name = "DATE")]
    pub isolation_since: Option<String>,
    /// Work (staff only): on_site/在岗, remote/居家/弹性, frontline/一线, leave/休假 [default: as last recorded]
    #[arg(long, short, value_name = "KIND")]
    pub work: Option<String>,
    /// The frontline post, e.g. a community [default: as last recorded]
    #[arg(long, short, value_name = "POST")]
    pub post: Option<String>,
    /// A free-text note
    #[arg(long, short, value_name = "TEXT")]
    pub note: Option<String>,
    /// Who recorded it [default: the config key `clerk`, else $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Day of the template [default: today]
    #[arg(long, short, value_name = "DATE")]
    pub date: Option<String>,
    /// csv, xlsx (with drop-downs) or chat (the 接龙 starter to post in the group)
    /// [default: from the --output extension, else csv]
    #[arg(long, short, value_enum)]
    pub format: Option<SheetFormat>,
    #[command(flatten)]
    pub file: FileArgs,
}

#[derive(Debug, Args)]
pub struct VoidArgs {
    /// Id or name
    pub person: String,
    /// The day whose record is withdrawn
    #[arg(long, short, value_name = "DATE")]
    pub date: String,
    /// Why it is withdrawn
    #[arg(long)]
    pub reason: String,
    /// Who withdraws it [default: the config key `clerk`, else $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Do not ask; needed when not at a terminal
    #[arg(long, short)]
    pub yes: bool,
    /// Who takes it back, as the journal names them (the write taken back is
    /// the store's newest, whoever made it) [default: the config key
    /// `clerk`, else $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// First day [default: the first recorded]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day [default: the last recorded]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Every version (corrections and withdrawals), not only the newest per person and day
    #[arg(long)]
    pub all_versions: bool,
    /// What to export: records, posts or supplies
    #[arg(long, value_enum, default_value_t = ExportWhat::Records)]
    pub what: ExportWhat,
    /// csv (the batch columns), jsonl or xlsx [default: from the --output extension, else csv]
    #[arg(long, short, value_enum)]
    pub format: Option<ExportFormat>,
    #[command(flatten)]
    pub file: FileArgs,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExportWhat {
    /// The daily records (the batch columns)
    #[default]
    Records,
    /// The registered posts as they stand
    Posts,
    /// Every supply report and resolution, corrections included (undone ones left out)
    Supplies,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    /// A workbook: dates as dates, the temperature as a number
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Csv,
    /// A workbook with drop-downs for 接触, 隔离情况 and 工作状态
    Xlsx,
    /// The 接龙 starter to post in the WeChat group, read back by `record --chat`
    Chat,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Id or name
    pub person: String,
    /// First day to show
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day to show
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum PostCommand {
    /// Register a frontline post (id P001, P002…)
    Add(PostAddArgs),
    /// Change a post's name, community, contact or phone
    Edit(PostEditArgs),
    /// List the posts, registered ones and those used in records without being registered
    List(PostListArgs),
}

#[derive(Debug, Args)]
pub struct PostAddArgs {
    /// The post's name as it is written in records, e.g. 东城社区
    #[arg(value_name = "TITLE")]
    pub name: String,
    /// The community or compound it supports
    #[arg(long, value_name = "TEXT")]
    pub community: Option<String>,
    /// The contact person at the post
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    /// The contact's phone number
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
}

#[derive(Debug, Args)]
pub struct PostEditArgs {
    /// The post: id or name
    pub post: String,
    /// New name
    #[arg(long, value_name = "TITLE")]
    pub name: Option<String>,
    /// New community ("" clears it)
    #[arg(long, value_name = "TEXT")]
    pub community: Option<String>,
    /// New contact person ("" clears it)
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    /// New phone number ("" clears it)
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
}

#[derive(Debug, Args)]
pub struct PostListArgs {
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FrontlineArgs {
    /// First day [default: the first day of the store's records]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day [default: today]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SuppliesArgs {
    #[command(subcommand)]
    pub action: Option<SuppliesAction>,
    /// Print the table as of this day [default: today]
    #[arg(long, short, value_name = "DATE")]
    pub date: Option<String>,
    /// Exit with 3 after printing while any shortage is unsolved
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum SuppliesAction {
    /// Record a post's shortage of an item as of a day (again on the same day: a correction)
    Report(SupplyReportArgs),
    /// Mark a post's shortage of an item as solved
    Resolve(SupplyResolveArgs),
}

#[derive(Debug, Args)]
pub struct SupplyReportArgs {
    /// The post (id or name) whose community lacks the item
    pub post: String,
    /// The item, e.g. 口罩
    #[arg(long, value_name = "ITEM")]
    pub item: String,
    /// How many are needed (a whole number)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub need: String,
    /// How many are on hand [default: 0]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub have: Option<String>,
    /// The unit counted in, e.g. 个, 箱, 瓶
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// The day the shortage stands as of [default: today]; never in the future
    #[arg(long, short, value_name = "DATE")]
    pub date: Option<String>,
    /// A free-text note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct SupplyResolveArgs {
    /// The post (id or name)
    pub post: String,
    /// The item whose shortage was filled
    #[arg(long, value_name = "ITEM")]
    pub item: String,
    /// Who filled it, e.g. 机关工委 or 住建局
    #[arg(long, value_name = "UNIT")]
    pub by: Option<String>,
    /// The day it was filled [default: today]; never in the future
    #[arg(long, short, value_name = "DATE")]
    pub date: Option<String>,
    /// A free-text note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

// Options every report takes (SPEC §4). Flattened structs say what they
// are in `//` comments: a doc comment would become the command's about
// once the deferred arguments are built (see `commands!`).
#[derive(Debug, Args, Clone)]
pub struct ReportArgs {
    /// Day of the report [default: today in the store's timezone]
    #[arg(long, short, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

// `print`'s options: a report's, with print's own default in --format's
// help. Changed here, not on the command: a deferred command (`commands!`)
// has no arguments yet when the command's own attributes apply.
#[derive(Debug, Args, Clone)]
#[command(mut_arg("format", |a| a.help(
    "Output format [default: from the --output extension, else html]"
)))]
pub struct PrintArgs {
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args, Clone)]
pub struct StrictReportArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Exit with 3 after printing when alerts or missing people are found (for cron)
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args, Clone)]
pub struct TrendArgs {
    /// First day [default: 13 days before --to]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day [default: today]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub out: OutputArgs,
}

// A file to write instead of standard output, and the CSV encoding.
#[derive(Debug, Args, Clone)]
pub struct FileArgs {
    /// Write to this file (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV encoding: utf8-bom, utf8 or gbk [default: the store's csv_encoding]
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
}

impl FileArgs {
    /// `--encoding`, else the store's `csv_encoding`.
    pub fn csv_encoding(
        &self,
        configured: crate::csvio::CsvEncoding,
    ) -> anyhow::Result<crate::csvio::CsvEncoding> {
        match &self.encoding {
            Some(e) => crate::csvio::CsvEncoding::parse(e),
            None => Ok(configured),
        }
    }
}

// Where and how a report is written.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Output format [default: from the --output extension, else text]
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub file: FileArgs,
    /// Chromium, Chrome or Edge to make a PDF with [default: the first found]
    #[arg(long, value_name = "PATH", env = "HEALTHREPORT_BROWSER")]
    pub browser: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Csv,
    Json,
    Markdown,
    Html,
    /// A workbook, with print setup
    Xlsx,
    /// The HTML form printed by Chromium, Chrome or Edge
    Pdf,
    /// Text to post in the WeChat group (`missing`)
    Chat,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
        CliTree::command().debug_assert();
    }

    /// Every command, with its about and its arguments' ids and help.
    fn shape(cmd: &clap::Command, path: String, out: &mut Vec<String>) {
        let mut args: Vec<String> = cmd
            .get_arguments()
            .map(|a| format!("{}: {:?}", a.get_id(), a.get_help().map(|h| h.to_string())))
            .collect();
        args.sort();
        out.push(format!(
            "{path} ({:?}) {}",
            cmd.get_about().map(|a| a.to_string()),
            args.join(", ")
        ));
        for sub in cmd.get_subcommands() {
            shape(sub, format!("{path} {}", sub.get_name()), out);
        }
    }

    /// The deferred tree a run parses with and the whole tree that help and
    /// completions show are one tree.
    #[test]
    fn the_deferred_tree_is_the_whole_tree() {
        use clap::CommandFactory;
        let (mut run, mut whole) = (Cli::command(), CliTree::command());
        run.build();
        whole.build();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        shape(&run, String::new(), &mut a);
        shape(&whole, String::new(), &mut b);
        a.retain(|line| !line.starts_with(" help"));
        b.retain(|line| !line.starts_with(" help"));
        assert!(b.len() > 40, "{b:?}");
        assert_eq!(a, b);
    }
}
