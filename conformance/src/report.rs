//! Findings, the known gaps a team declares, and the report: text on stdout, JUnit or JSON in a file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use contract::requirements::{link, requirement, Level, Requirement, REQUIREMENTS};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    Warn,
    Skip,
    /// Failed, and listed in the known-gaps file: reported, not failing the run.
    Gap,
}

impl Outcome {
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Pass => "PASS",
            Outcome::Fail => "FAIL",
            Outcome::Warn => "WARN",
            Outcome::Skip => "SKIP",
            Outcome::Gap => "GAP",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub requirement: &'static Requirement,
    pub outcome: Outcome,
    pub reason: String,
    /// The request and answer that show it, redacted.
    pub transcript: Option<String>,
}

/// What a check found before its level and the known gaps are applied.
#[derive(Debug)]
pub enum Verdict {
    Pass(String),
    Fail(String, Option<String>),
    Warn(String, Option<String>),
    Skip(String),
}

/// The ids a team has not done yet (`--known-gaps FILE`: one id a line, `#` comments).
#[derive(Clone, Debug, Default)]
pub struct KnownGaps(Vec<&'static str>);

impl KnownGaps {
    pub fn parse(text: &str) -> Result<KnownGaps, String> {
        let mut ids = Vec::new();
        for line in text.lines() {
            let id = line.split('#').next().unwrap_or_default().trim();
            if id.is_empty() {
                continue;
            }
            let r = requirement(id).ok_or_else(|| format!("known gaps: no requirement {id}"))?;
            ids.push(r.id);
        }
        Ok(KnownGaps(ids))
    }

    fn has(&self, id: &str) -> bool {
        self.0.contains(&id)
    }
}

#[derive(Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    gaps: KnownGaps,
}

impl Report {
    pub fn new(gaps: KnownGaps) -> Report {
        Report { findings: Vec::new(), gaps }
    }

    /// Records a check's verdict, as its level and the known gaps say.
    pub fn record(&mut self, id: &str, verdict: Verdict) {
        let requirement = requirement(id).unwrap_or_else(|| panic!("{id} is not in the catalogue"));
        let listed = self.gaps.has(id);
        let (outcome, reason, transcript) = match verdict {
            Verdict::Pass(_) if listed => {
                (Outcome::Warn, "passes now: remove it from the known-gaps file".to_owned(), None)
            }
            Verdict::Pass(reason) => (Outcome::Pass, reason, None),
            Verdict::Fail(reason, t) if listed => (Outcome::Gap, reason, t),
            Verdict::Fail(reason, t) if requirement.level == Level::Should => (Outcome::Warn, reason, t),
            Verdict::Fail(reason, t) => (Outcome::Fail, reason, t),
            Verdict::Warn(reason, t) => (Outcome::Warn, reason, t),
            Verdict::Skip(reason) => (Outcome::Skip, reason, None),
        };
        self.findings.push(Finding { requirement, outcome, reason, transcript });
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.findings.iter().filter(|f| f.outcome == outcome).count()
    }

    /// A MUST failed that is not a known gap.
    pub fn failed(&self) -> bool {
        self.count(Outcome::Fail) > 0
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let level = if f.requirement.level == Level::Must { "MUST" } else { "SHOULD" };
            let _ = writeln!(out, "{:4}  {:20} {:6} {}", f.outcome.word(), f.requirement.id, level, f.requirement.text);
            let _ = writeln!(out, "      {}  ({})", f.reason, link(f.requirement));
            if let Some(t) = &f.transcript {
                for line in t.lines() {
                    let _ = writeln!(out, "        {line}");
                }
            }
        }
        let _ = writeln!(out, "\nBy area:");
        let mut areas: BTreeMap<&str, [usize; 5]> = BTreeMap::new();
        for f in &self.findings {
            let slot = match f.outcome {
                Outcome::Pass => 0,
                Outcome::Fail => 1,
                Outcome::Warn => 2,
                Outcome::Skip => 3,
                Outcome::Gap => 4,
            };
            areas.entry(f.requirement.area()).or_default()[slot] += 1;
        }
        for (area, [p, f, w, s, g]) in areas {
            let _ = writeln!(out, "  {area:18} {p} passed, {f} failed, {w} warned, {s} skipped, {g} known gaps");
        }
        let _ = writeln!(out, "{} warnings, {} known gaps", self.count(Outcome::Warn), self.count(Outcome::Gap));
        let _ = writeln!(
            out,
            "{} passed, {} failed, {} skipped",
            self.count(Outcome::Pass),
            self.count(Outcome::Fail),
            self.count(Outcome::Skip)
        );
        out
    }

    pub fn json(&self, base_url: &str) -> String {
        let findings: Vec<_> = self
            .findings
            .iter()
            .map(|f| {
                json!({
                    "id": f.requirement.id,
                    "level": if f.requirement.level == Level::Must { "MUST" } else { "SHOULD" },
                    "area": f.requirement.area(),
                    "text": f.requirement.text,
                    "link": link(f.requirement),
                    "result": f.outcome.word(),
                    "reason": f.reason,
                    "transcript": f.transcript,
                })
            })
            .collect();
        let report = json!({
            "kit": "messenger-conformance",
            "version": env!("CARGO_PKG_VERSION"),
            "base_url": base_url,
            "findings": findings,
            "passed": self.count(Outcome::Pass),
            "failed": self.count(Outcome::Fail),
            "warned": self.count(Outcome::Warn),
            "skipped": self.count(Outcome::Skip),
            "known_gaps": self.count(Outcome::Gap),
        });
        serde_json::to_string_pretty(&report).expect("JSON values serialize")
    }

    pub fn junit(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuite name=\"messenger-conformance\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">",
            self.findings.len(),
            self.count(Outcome::Fail),
            self.count(Outcome::Skip) + self.count(Outcome::Gap)
        );
        for f in &self.findings {
            let r = f.requirement;
            let _ = write!(out, "  <testcase classname=\"{}\" name=\"{}: {}\">", xml(r.area()), xml(r.id), xml(r.text));
            let detail = format!("{}\n{}\n{}", f.reason, link(r), f.transcript.as_deref().unwrap_or_default());
            match f.outcome {
                Outcome::Pass => {}
                Outcome::Fail => {
                    let _ = write!(out, "<failure message=\"{}\">{}</failure>", xml(&f.reason), xml(&detail));
                }
                Outcome::Skip | Outcome::Gap => {
                    let _ = write!(out, "<skipped message=\"{}: {}\"/>", f.outcome.word(), xml(&f.reason));
                }
                Outcome::Warn => {
                    let _ = write!(out, "<system-out>WARN: {}</system-out>", xml(&detail));
                }
            }
            out.push_str("</testcase>\n");
        }
        out.push_str("</testsuite>\n");
        out
    }
}

fn xml(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// `--list`: the catalogue.
pub fn catalogue() -> String {
    let mut out = String::new();
    for r in REQUIREMENTS {
        let level = if r.level == Level::Must { "MUST" } else { "SHOULD" };
        let tier = match r.tier {
            contract::requirements::Tier::ReadOnly => "read-only",
            contract::requirements::Tier::Writes => "--allow-writes",
            contract::requirements::Tier::State => "--state-url",
        };
        let _ = writeln!(out, "{:20} {:6} {:14} {}  ({})", r.id, level, tier, r.text, link(r));
    }
    let musts = REQUIREMENTS.iter().filter(|r| r.level == Level::Must).count();
    let _ = writeln!(out, "{} requirements, {musts} MUST", REQUIREMENTS.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_gap_does_not_fail_the_run_and_one_that_passes_is_flagged() {
        let mut report = Report::new(KnownGaps::parse("CSRF-02  # not yet\n\n# a comment\nPAGE-01").unwrap());
        report.record("CSRF-02", Verdict::Fail("accepted".into(), None));
        report.record("PAGE-01", Verdict::Pass("fine".into()));
        report.record("TIME-02", Verdict::Fail("off by a minute".into(), None));
        assert!(!report.failed());
        assert_eq!(
            report.findings.iter().map(|f| f.outcome).collect::<Vec<_>>(),
            [Outcome::Gap, Outcome::Warn, Outcome::Warn]
        );
        assert!(report.text().ends_with("0 passed, 0 failed, 0 skipped\n"));
        report.record("CSRF-01", Verdict::Fail("accepted".into(), None));
        assert!(report.failed());
        assert!(KnownGaps::parse("NOPE-01").is_err());
    }

    #[test]
    fn junit_escapes_what_it_quotes() {
        let mut report = Report::new(KnownGaps::default());
        report.record("ERR-01", Verdict::Fail("got <html> & \"quotes\"".into(), Some("< 500".into())));
        let xml = report.junit();
        assert!(xml.contains("message=\"got &lt;html&gt; &amp; &quot;quotes&quot;\""), "{xml}");
        assert!(xml.contains("failures=\"1\""));
    }
}
