//! The boilerplate rule table: a stable id, a matcher on one line's shape, and a reason.

/// One boilerplate rule.
pub struct Rule {
    /// Stable id, the first word of every removal reason.
    pub id: &'static str,
    /// Why lines of this shape are boilerplate.
    pub reason: &'static str,
    /// True when the line is of this shape.
    pub matches: fn(&str) -> bool,
}

/// The rules, tried in order.
pub static RULES: &[Rule] = &[Rule {
    id: "page-history",
    reason: "wiki page history line",
    matches: |line| {
        line.to_lowercase()
            .starts_with("page history last edited by")
    },
}];

/// The first rule that matches a line, if any.
pub fn matching_rule(line: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| (rule.matches)(line))
}
