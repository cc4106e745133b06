//! Facts carry a date (docs/question-banks.md): the `checked: YYYY-MM-DD` of a
//! question, an advice entry or a rights entry, the day its `source:` was
//! last read.
//!
//! A malformed date is an error wherever the bank is loaded. The rest are
//! an author's checks, made only when `validate` gives today's date: a date
//! more than 12 months old or in the future, and a source that cites a web
//! page with no date at all (a rights entry must always date such a source:
//! there it is an error everywhere).

use super::Builder;
use super::context::Ctx;
use crate::date::Date;
use crate::error::Problem;
use crate::yaml::{Node, Pos};

/// How old a checked fact may be before `validate` warns.
pub const FRESH_MONTHS: u32 = 12;

/// Whether a source text cites a web page: a page is read on a day, and
/// may say something else on another.
pub(super) fn cites_a_page(sources: &[String]) -> bool {
    sources
        .iter()
        .any(|s| s.contains("https://") || s.contains("http://"))
}

/// What is being dated, for messages.
pub(super) struct Entry<'a> {
    /// "question", "advice entry", "rights entry".
    pub what: &'a str,
    pub id: &'a str,
    /// The entry as parsed, where its fields are.
    pub node: Option<&'a Node>,
    /// Where the entry's problems stand when a field is not found.
    pub at: Option<Pos>,
    /// A rights entry must date a cited page.
    pub must_date_pages: bool,
}

impl Builder {
    /// Reads an entry's `checked:`, reporting what is wrong with it.
    pub(super) fn checked(
        &self,
        raw: Option<&str>,
        sources: &[String],
        e: Entry,
        ctx: &Ctx,
        p: &mut Vec<Problem>,
    ) -> Option<Date> {
        let at = || e.node.and_then(|n| n.key_pos("checked")).or(e.at);
        let example = self.today.unwrap_or_else(Date::today);
        let Some(raw) = raw else {
            if cites_a_page(sources) && (e.must_date_pages || self.today.is_some()) {
                let why = format!(
                    "{} `{}` cites a web page in `source:` but does not say when it was read",
                    e.what, e.id
                );
                let at = e.node.and_then(|n| n.key_pos("source")).or(e.at);
                let hint = format!(
                    "add `checked: YYYY-MM-DD`, the day you last read the page, e.g. `checked: {example}`"
                );
                let problem = ctx.problem(why, at).id(e.id).hint(hint);
                p.push(if e.must_date_pages {
                    problem
                } else {
                    problem.warning()
                });
            }
            return None;
        };
        let date = match Date::parse(raw.trim()) {
            Ok(d) => d,
            Err(why) => {
                let raw = crate::sanitize::id(raw);
                let why = format!("`checked: {raw}` is not a date: {why}");
                let hint = format!(
                    "write the day the source was read as YYYY-MM-DD, e.g. `checked: {example}`"
                );
                p.push(ctx.problem(why, at()).id(e.id).hint(hint));
                return None;
            }
        };
        if let Some(today) = self.today {
            let warn = |why: String, hint| ctx.problem(why, at()).id(e.id).hint(hint).warning();
            if date > today {
                let why = format!("`checked: {date}` is in the future (today is {today})");
                p.push(warn(why, "write the day you actually read the source"));
            } else if date.plus_months(FRESH_MONTHS) < today {
                let why = format!(
                    "`checked: {date}` is more than {FRESH_MONTHS} months ago (today is {today}): the law or the figures may have changed"
                );
                let hint = "read the source again; if it still says the same, update `checked:`, otherwise correct the entry";
                p.push(warn(why, hint));
            }
        }
        Some(date)
    }
}
