//! The boilerplate rule table: a stable id, a matcher and a reason, tried in order.
//!
//! A matcher sees one line and its [`Context`]: the whole document's lines and where its body
//! starts and ends, so a rule can say "a bare number before the title" or "a category line in
//! the footer". Rules match line shapes, cue words of site chrome (the labels a wiki, a document
//! host or a scheduling site prints around every page) and positions — never one document's
//! sentence. Every rule has a unit test named for the shape it handles.

/// A line with this many words or more is body prose: the header zone ends before the first
/// one and the footer zone starts after the last. Twenty words is longer than any chrome line
/// seen in the corpus (the longest, an age notice, has 22 but is matched by cue words) and
/// shorter than nearly every prose paragraph.
pub const LONG_LINE_WORDS: usize = 20;

/// Disclaimers longer than this are not chrome but a transcript that happens to contain one
/// (a PDF page flattened into one line): the line is kept.
pub const MAX_DISCLAIMER_WORDS: usize = 80;

/// Chrome lines are short: a login prompt or a link banner longer than this is prose.
pub const MAX_CHROME_WORDS: usize = 25;

/// The lines of a document and the zones rules refer to.
pub struct Context<'a> {
    /// Every line's text (empty for blank lines and non-line blocks).
    pub lines: Vec<&'a str>,
    /// Index of the first long line (the body's start), or the number of lines.
    pub header_end: usize,
    /// Index after the last long line (the footer's start), or 0.
    pub footer_start: usize,
    /// The lines of a YAML front matter block at the top, delimiters included.
    pub front_matter: Option<(usize, usize)>,
    /// Titles a document host prints as "Page 1: <title>".
    pub host_titles: Vec<&'a str>,
}

impl<'a> Context<'a> {
    /// Builds the context of a document's lines.
    pub fn new(lines: Vec<&'a str>) -> Self {
        // Chrome at the top of a page is often a bulleted notice as long as prose (an age
        // notice, an advertisement): bulleted lines do not start the body.
        let long = |l: &&str| {
            word_count(l) >= LONG_LINE_WORDS && !l.trim_start().starts_with(['•', '*', '·'])
        };
        let header_end = lines.iter().position(long).unwrap_or(lines.len());
        let footer_start = lines.iter().rposition(long).map_or(0, |i| i + 1);
        let front_matter = front_matter(&lines);
        let host_titles = lines.iter().filter_map(|l| host_page_title(l)).collect();
        Context {
            lines,
            header_end,
            footer_start,
            front_matter,
            host_titles,
        }
    }

    fn in_header(&self, i: usize) -> bool {
        i < self.header_end
    }

    fn in_footer(&self, i: usize) -> bool {
        i >= self.footer_start
    }

    /// The index of the nearest non-blank line before `i`.
    fn previous(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| !self.lines[j].trim().is_empty())
    }

    /// True when no non-blank line comes before `i`.
    fn is_first(&self, i: usize) -> bool {
        self.previous(i).is_none()
    }
}

/// One boilerplate rule.
pub struct Rule {
    /// Stable id, the first word of every removal reason.
    pub id: &'static str,
    /// Why lines of this shape are boilerplate.
    pub reason: &'static str,
    /// True when line `i` of the context is of this shape.
    pub matches: fn(&Context, usize) -> bool,
}

/// The rules, tried in order.
pub static RULES: &[Rule] = &[
    Rule {
        id: "front-matter",
        reason: "site-layout front matter between --- lines at the top",
        matches: |cx, i| cx.front_matter.is_some_and(|(a, b)| (a..=b).contains(&i)),
    },
    Rule {
        id: "page-history",
        reason: "wiki page history line",
        matches: |cx, i| is_page_history(cx.lines[i]),
    },
    Rule {
        id: "age-notice",
        reason: "service age-restriction notice",
        matches: |cx, i| {
            let l = cx.lines[i].to_lowercase();
            (l.contains("years old") || l.contains("years of age"))
                && [
                    "use this service",
                    "use this site",
                    "use this website",
                    "may not use",
                ]
                .iter()
                .any(|c| l.contains(c))
        },
    },
    Rule {
        id: "advertisement",
        reason: "advertisement ending in a call to action",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase();
            if l == "advertisement" || l == "sponsored" || l == "ad" {
                return true;
            }
            let last = l
                .rsplit(['.', '!'])
                .find(|s| !s.trim().is_empty())
                .unwrap_or("");
            (cx.in_header(i) || cx.in_footer(i))
                && CALLS_TO_ACTION.iter().any(|c| last.trim().starts_with(c))
                && word_count(&l) <= 2 * MAX_CHROME_WORDS
        },
    },
    Rule {
        id: "comment-widget",
        reason: "comment count or comment form of the page",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase();
            let bare =
                l.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | ' '));
            matches!(bare, "comments" | "comment")
                || l.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && bare.ends_with(" comments")
                || [
                    "add a comment",
                    "leave a comment",
                    "post a comment",
                    "add comment",
                    "no comments yet",
                ]
                .contains(&l.trim_end_matches(['.', ':']))
        },
    },
    Rule {
        id: "permission-notice",
        reason: "notice about the reader's permissions on the site",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase().replace('’', "'");
            word_count(&l) <= MAX_CHROME_WORDS
                && [
                    "you don't have permission",
                    "you do not have permission",
                    "you must be logged in",
                    "you need to log in",
                    "you must log in",
                    "log in to comment",
                    "sign in to comment",
                ]
                .iter()
                .any(|c| l.starts_with(c))
        },
    },
    Rule {
        id: "login-prompt",
        reason: "sign-up or log-in prompt",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase();
            word_count(&l) <= MAX_CHROME_WORDS
                && [
                    "sign up or log in",
                    "log in or sign up",
                    "sign up to",
                    "log in to",
                    "login to",
                    "sign in to",
                    "register to",
                    "create an account to",
                ]
                .iter()
                .any(|c| l.starts_with(c))
        },
    },
    Rule {
        id: "navigation",
        reason: "site navigation or page-tool label",
        matches: |cx, i| {
            let l = cx.lines[i]
                .trim()
                .trim_start_matches(['•', '*', '-', '·'])
                .trim()
                .to_lowercase();
            NAVIGATION_LABELS.contains(&l.as_str())
                || ((cx.in_header(i) || cx.in_footer(i))
                    && ZONED_NAVIGATION_LABELS.contains(&l.as_str()))
        },
    },
    Rule {
        id: "wiki-tagline",
        reason: "wiki tagline under the page title (\"From … Wiki\")",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            let lower = l.to_lowercase();
            cx.in_header(i)
                && word_count(l) <= 6
                && lower.starts_with("from ")
                && l[5..].chars().next().is_some_and(char::is_uppercase)
                && (lower.contains("wiki") || lower.contains("encyclopedia"))
        },
    },
    Rule {
        id: "redirect-notice",
        reason: "wiki redirect notice",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase();
            l.starts_with("(redirected from") && l.ends_with(')')
        },
    },
    Rule {
        id: "retrieved-from",
        reason: "wiki permanent-address footer",
        matches: |cx, i| {
            cx.lines[i]
                .trim()
                .to_lowercase()
                .starts_with("retrieved from")
        },
    },
    Rule {
        id: "category-footer",
        reason: "wiki category links in the footer",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase();
            cx.in_footer(i)
                && (l.starts_with("categories:")
                    || l.starts_with("category:")
                    || l.starts_with("hidden categories:"))
        },
    },
    Rule {
        id: "site-name",
        reason: "name of the wiki or space, above the page",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            cx.is_first(i) && word_count(l) <= 5 && l.to_lowercase().ends_with(" wiki")
        },
    },
    Rule {
        id: "breadcrumb",
        reason: "breadcrumb trail above the page",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            if !cx.in_header(i) || cx.is_first(i) || l.contains(':') || l.ends_with(['.', '?', '!'])
            {
                return false;
            }
            [" / ", " > ", " » ", " › "].iter().any(|sep| {
                let parts: Vec<&str> = l.split(sep).collect();
                parts.len() >= 2 && parts.iter().all(|p| (1..=6).contains(&word_count(p)))
            })
        },
    },
    Rule {
        id: "template-placeholder",
        reason: "wiki template field left empty (\"Until .\")",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            l.ends_with(" .")
                && (1..=2).contains(&word_count(l))
                && l.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.')
        },
    },
    Rule {
        id: "template-instruction",
        reason: "instruction to the page's editors left in a wiki template",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            let lower = l.to_lowercase();
            let Some(rest) = lower.strip_prefix("please ") else {
                return false;
            };
            !l.ends_with(':')
                && INSTRUCTION_VERBS
                    .iter()
                    .any(|v| rest.starts_with(v) && rest[v.len()..].starts_with(' '))
        },
    },
    Rule {
        id: "link-banner",
        reason: "link banner to other pages",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            let inner = l.trim_start_matches('[').to_lowercase();
            word_count(l) <= MAX_CHROME_WORDS
                && [
                    "read more",
                    "click here",
                    "continue reading",
                    "see more",
                    "back to",
                    "return to",
                    "go to ",
                ]
                .iter()
                .any(|c| inner.starts_with(c))
        },
    },
    Rule {
        id: "welcome-banner",
        reason: "site greeting banner above the page",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            cx.in_header(i) && l.to_lowercase().starts_with("welcome to ") && l.contains('!')
        },
    },
    Rule {
        id: "filter-control",
        reason: "listing filter control",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase();
            [
                "[clear filter]",
                "[clear]",
                "[reset filter]",
                "[remove filter]",
            ]
            .iter()
            .any(|c| l.ends_with(c))
        },
    },
    Rule {
        id: "host-widget",
        reason: "document host's widget (upload, views, downloads, embed)",
        matches: |cx, i| is_host_widget(cx.lines[i]),
    },
    Rule {
        id: "host-widget-value",
        reason: "value of a document host's widget",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            cx.previous(i)
                .is_some_and(|p| is_host_widget(cx.lines[p]) && widget_takes_value(cx.lines[p]))
                && word_count(l) <= 2
                && !l.ends_with(['.', '?', '!', ':'])
        },
    },
    Rule {
        id: "host-page-title",
        reason: "document host's page title (\"Page 1: …\") and its repetitions",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            host_page_title(l).is_some() || cx.host_titles.contains(&l)
        },
    },
    Rule {
        id: "page-number",
        reason: "bare page or view number outside the body",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            !l.is_empty()
                && l.len() <= 4
                && l.chars().all(|c| c.is_ascii_digit())
                && (cx.is_first(i) || cx.in_footer(i))
        },
    },
    Rule {
        id: "captioning-disclaimer",
        reason: "transcription or captioning disclaimer",
        matches: |cx, i| {
            let l = cx.lines[i].to_lowercase();
            word_count(&l) <= MAX_DISCLAIMER_WORDS
                && (l.contains("transcri") || l.contains("captioning"))
                && [
                    "accurate",
                    "authoritative",
                    "verbatim record",
                    "not be treated",
                ]
                .iter()
                .any(|c| l.contains(c))
        },
    },
    Rule {
        id: "running-header",
        reason: "page header of a transcript (title and language code) repeated on every page",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            is_running_header(l)
                && cx.lines.iter().enumerate().any(|(j, other)| {
                    j != i && other.trim().starts_with(l) && other.trim().len() > l.len()
                })
        },
    },
    Rule {
        id: "php-warning",
        reason: "server error message printed into the page",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            let lower = l.to_lowercase();
            [
                "warning:",
                "notice:",
                "deprecated:",
                "fatal error:",
                "parse error:",
                "strict standards:",
            ]
            .iter()
            .any(|c| lower.starts_with(c))
                && lower.contains(" on line ")
        },
    },
    Rule {
        id: "copyright",
        reason: "copyright or legal footer",
        matches: |cx, i| {
            let l = cx.lines[i].trim();
            let lower = l.to_lowercase();
            word_count(l) <= MAX_CHROME_WORDS
                && (l.starts_with('©')
                    || lower.starts_with("copyright ©")
                    || lower.starts_with("copyright (c)")
                    || lower.contains("all rights reserved"))
        },
    },
    Rule {
        id: "cookie-notice",
        reason: "cookie consent notice",
        matches: |cx, i| {
            let l = cx.lines[i].to_lowercase();
            l.contains("cookies")
                && [
                    "we use cookies",
                    "uses cookies",
                    "accept cookies",
                    "cookie policy",
                    "use of cookies",
                ]
                .iter()
                .any(|c| l.contains(c))
        },
    },
    Rule {
        id: "mail-header",
        reason: "mail header of an archived message",
        matches: |cx, i| {
            let Some(key) = mail_header_key(cx.lines[i]) else {
                return false;
            };
            // One "To:" line in prose is not a message header: a header block has several.
            !matches!(key.as_str(), "subject" | "date")
                && cx.lines[i.saturating_sub(6)..(i + 6).min(cx.lines.len())]
                    .iter()
                    .filter(|l| mail_header_key(l).is_some())
                    .count()
                    >= 3
        },
    },
    Rule {
        id: "mail-archive-navigation",
        reason: "mailing-list archive navigation",
        matches: |cx, i| {
            let l = cx.lines[i].trim().to_lowercase();
            l.starts_with("[date prev]")
                || l.starts_with("[thread prev]")
                || l.starts_with("previous message:")
                || l.starts_with("next message:")
                || l.starts_with("messages sorted by:")
                || (l.starts_with("more information about the") && l.contains("mailing list"))
                || l.contains("next part --------------")
        },
    },
];

/// Calls to action that end an advertisement ("… Check it out today!").
const CALLS_TO_ACTION: &[&str] = &[
    "check it out",
    "try it free",
    "try it now",
    "try it today",
    "sign up now",
    "sign up today",
    "download now",
    "start your free trial",
    "get started today",
    "learn more today",
];

/// Whole lines that are navigation or page-tool labels of wikis, document hosts and
/// scheduling sites wherever they stand.
const NAVIGATION_LABELS: &[&str] = &[
    "jump to navigation",
    "jump to search",
    "jump to navigation jump to search",
    "skip to content",
    "skip to main content",
    "skip to end of metadata",
    "go to start of metadata",
    "toggle navigation",
    "main menu",
    "navigation menu",
    "personal tools",
    "back to top",
    "printable version",
    "permanent link",
    "page information",
    "cite this page",
    "what links here",
    "related changes",
    "special pages",
    "recent changes",
    "random page",
    "view history",
    "view source",
    "create account",
    "not logged in",
    "powered by mediawiki",
    "mobile view",
    "privacy policy",
    "terms of use",
    "disclaimers",
    "venue map",
    "resource type",
    "embed size (px)",
    "citation preview",
    "report this document",
    "download to read offline",
    "published using google docs",
    "report abuse",
    "updated automatically every 5 minutes",
    "be the first to like this",
    "page tree",
    "browse pages",
    "space tools",
    "recent activity",
    "wiki information",
    "log in",
    "sign in",
    "sign up",
    "log out",
];

/// Short labels that are navigation only above or below the body (inside it they may be words
/// of content).
const ZONED_NAVIGATION_LABELS: &[&str] = &[
    "home",
    "menu",
    "search",
    "talk",
    "read",
    "edit",
    "more",
    "views",
    "help",
    "tools",
    "share",
    "print",
    "navigation",
    "namespaces",
    "variants",
    "contributions",
    "main page",
    "tweet",
    "like",
    "follow",
    "subscribe",
];

/// Verbs of instructions that wiki templates leave for page editors ("Please provide …").
const INSTRUCTION_VERBS: &[&str] = &[
    "provide",
    "try",
    "fill",
    "list",
    "add",
    "enter",
    "insert",
    "include",
    "specify",
    "indicate",
    "use",
    "write",
    "give",
    "summarise",
    "summarize",
    "explain",
    "mention",
    "keep",
    "replace",
    "delete",
    "remove",
    "complete",
    "describe",
    "name",
    "state",
    "note that this",
    "do not",
];

/// Labels of a document host's widgets ("• Upload", "• View").
const WIDGET_LABELS: &[&str] = &[
    "upload",
    "download",
    "view",
    "views",
    "share",
    "embed",
    "like",
    "report",
    "print",
    "save",
    "follow",
    "downloads",
];

fn is_host_widget(line: &str) -> bool {
    let l = line.trim();
    let Some(rest) = l.strip_prefix(['•', '*', '·']) else {
        return false;
    };
    WIDGET_LABELS.contains(&rest.trim().to_lowercase().as_str())
}

fn widget_takes_value(_line: &str) -> bool {
    // Every widget label seen prints its value (uploader, view count) on the next line.
    true
}

/// "Page 1: <title>" as document hosts print above the text.
fn host_page_title(line: &str) -> Option<&str> {
    let l = line.trim();
    let rest = l.strip_prefix("Page ")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let title = rest[digits..].strip_prefix(": ")?;
    (digits > 0 && !title.trim().is_empty()).then_some(title.trim())
}

/// A short line ending in a two-letter language code ("LISBON – Open Forum 3 EN").
pub fn is_running_header(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 3
        && words.len() <= 14
        && words
            .last()
            .is_some_and(|w| w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}

/// The lower-case key of an e-mail header line ("From: …", "Message-ID: …").
fn mail_header_key(line: &str) -> Option<String> {
    let (key, value) = line.trim().split_once(':')?;
    let key = key.to_lowercase();
    let known = [
        "from",
        "to",
        "cc",
        "bcc",
        "sent",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "reply-to",
        "sender",
        "return-path",
        "mime-version",
        "content-type",
        "list-id",
        "delivered-to",
    ];
    (!value.trim().is_empty() && (known.contains(&key.as_str()) || key.starts_with("x-")))
        .then_some(key)
}

/// A page-history line: PBworks "Page history last edited by …", MediaWiki "This page was last
/// edited on …", Confluence "Created by …, last modified on …".
pub fn is_page_history(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    word_count(&l) <= MAX_CHROME_WORDS
        && (l.starts_with("page history last edited by")
            || l.starts_with("last edited by")
            || l.starts_with("this page was last edited on")
            || l.starts_with("this page was last modified on")
            || (l.starts_with("created by") && l.contains("last modified"))
            || l.starts_with("last modified by")
            || l.starts_with("last updated by"))
}

/// Words of a line: whitespace-separated pieces holding a letter or digit.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The closing delimiter of a YAML front matter block that opens the document.
fn front_matter(lines: &[&str]) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    if lines[start].trim() != "---" {
        return None;
    }
    let end = lines[start + 1..].iter().position(|l| l.trim() == "---")? + start + 1;
    let body = &lines[start + 1..end];
    let keyed = body
        .iter()
        .filter(|l| {
            l.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            })
        })
        .count();
    (keyed > 0 && keyed * 2 >= body.iter().filter(|l| !l.trim().is_empty()).count())
        .then_some((start, end))
}

/// The first rule that matches line `i`, if any.
pub fn matching_rule(cx: &Context, i: usize) -> Option<&'static Rule> {
    if cx.lines[i].trim().is_empty() {
        return None;
    }
    RULES.iter().find(|rule| (rule.matches)(cx, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_for(lines: &[&str], i: usize) -> Option<&'static str> {
        let cx = Context::new(lines.to_vec());
        matching_rule(&cx, i).map(|r| r.id)
    }

    const PROSE: &str = "This is a long line of prose that goes on and on about the session and what was said by the many people who spoke at it.";

    #[test]
    fn pbworks_page_history() {
        assert_eq!(
            rule_for(&["Page history last edited by Ann Lee 2 years ago"], 0),
            Some("page-history")
        );
    }

    #[test]
    fn confluence_created_by() {
        assert_eq!(
            rule_for(&["Created by Ann Lee, last modified on May 3, 2019"], 0),
            Some("page-history")
        );
    }

    #[test]
    fn age_notice_and_advert() {
        let age = "If you are a citizen of a member nation, you may not use this service unless you are at least 16 years old.";
        assert_eq!(rule_for(&[age], 0), Some("age-notice"));
        let ad = "• Acme is the best tool for your files. Try it free today!";
        assert_eq!(rule_for(&[ad], 0), Some("advertisement"));
    }

    #[test]
    fn comment_widgets() {
        assert_eq!(rule_for(&["Comments (0)"], 0), Some("comment-widget"));
        assert_eq!(
            rule_for(&["You don't have permission to comment on this page."], 0),
            Some("permission-notice")
        );
        assert_eq!(rule_for(&["We made comments on the draft."], 0), None);
    }

    #[test]
    fn mediawiki_chrome() {
        let lines = [
            "A Title",
            "From Example Wiki",
            "(Redirected from X)",
            "Jump to navigation Jump to search",
            PROSE,
            "Retrieved from \"https://x/y\"",
            "Categories: A | B",
        ];
        assert_eq!(rule_for(&lines, 1), Some("wiki-tagline"));
        assert_eq!(rule_for(&lines, 2), Some("redirect-notice"));
        assert_eq!(rule_for(&lines, 3), Some("navigation"));
        assert_eq!(rule_for(&lines, 5), Some("retrieved-from"));
        assert_eq!(rule_for(&lines, 6), Some("category-footer"));
    }

    #[test]
    fn breadcrumb_before_body_only() {
        let lines = ["A Title", "Programme 2020 / Day 2", PROSE, "Input / Output"];
        assert_eq!(rule_for(&lines, 1), Some("breadcrumb"));
        assert_eq!(rule_for(&lines, 3), None);
    }

    #[test]
    fn template_placeholder_and_instruction() {
        assert_eq!(rule_for(&["Until ."], 0), Some("template-placeholder"));
        assert_eq!(
            rule_for(
                &["Please provide name and institution for all people you list here."],
                0
            ),
            Some("template-instruction")
        );
        assert_eq!(rule_for(&["Please describe the way forward:"], 0), None);
        assert_eq!(rule_for(&["Please note the room change."], 0), None);
    }

    #[test]
    fn document_host_widgets() {
        let lines = [
            "93",
            PROSE,
            "Opening words of the",
            "• Upload",
            "someone",
            "• View",
            "221",
            "Embed Size (px)",
            "Page 1: Opening words of the",
        ];
        assert_eq!(rule_for(&lines, 0), Some("page-number"));
        assert_eq!(rule_for(&lines, 2), Some("host-page-title"));
        assert_eq!(rule_for(&lines, 3), Some("host-widget"));
        assert_eq!(rule_for(&lines, 4), Some("host-widget-value"));
        assert_eq!(rule_for(&lines, 6), Some("host-widget-value"));
        assert_eq!(rule_for(&lines, 7), Some("navigation"));
        assert_eq!(rule_for(&lines, 8), Some("host-page-title"));
    }

    #[test]
    fn transcript_disclaimer_and_running_header() {
        let disclaimer = "Note: The following is the output of transcribing an audio file. Although the transcription is largely accurate, it may be incomplete.";
        let lines = [
            "CITY – Forum 1 EN Note: more text here",
            "CITY – Forum 1 EN",
            disclaimer,
        ];
        assert_eq!(rule_for(&lines, 1), Some("running-header"));
        assert_eq!(rule_for(&lines, 2), Some("captioning-disclaimer"));
        assert_eq!(rule_for(&lines, 0), None);
    }

    #[test]
    fn front_matter_block() {
        let lines = [
            "---",
            "layout: page",
            "title: Transcripts",
            "---",
            "# Real title",
        ];
        assert_eq!(rule_for(&lines, 0), Some("front-matter"));
        assert_eq!(rule_for(&lines, 2), Some("front-matter"));
        assert_eq!(rule_for(&lines, 4), None);
    }

    #[test]
    fn scheduling_site_chrome() {
        let lines = [
            "Welcome to Conf2017! Create your schedule below!",
            "Sign up or log in to bookmark your favorites.",
            "Track name [clear filter]",
            PROSE,
        ];
        assert_eq!(rule_for(&lines, 0), Some("welcome-banner"));
        assert_eq!(rule_for(&lines, 1), Some("login-prompt"));
        assert_eq!(rule_for(&lines, 2), Some("filter-control"));
    }

    #[test]
    fn mail_headers_need_a_block() {
        let lines = [
            "From: Ann <a@x.org>",
            "To: list@x.org",
            "Message-ID: <1@x>",
            "Subject: Minutes",
            "",
            "To: all members, thanks",
        ];
        assert_eq!(rule_for(&lines, 0), Some("mail-header"));
        assert_eq!(rule_for(&lines, 3), None);
        let prose = ["To: all members, thanks"];
        assert_eq!(rule_for(&prose, 0), None);
    }

    #[test]
    fn link_banner_in_brackets() {
        assert_eq!(
            rule_for(&["[Read more session reports from the forum]"], 0),
            Some("link-banner")
        );
        assert_eq!(rule_for(&["[group activity]"], 0), None);
    }
}
