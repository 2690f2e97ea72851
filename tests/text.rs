//! The accessible plain-text profile, checked line by line on the seed and every fixture.

use rapporteur::model::validate::{content_texts, words};
use rapporteur::{Format, IngestOptions, Session, normalise, render};
use unicode_normalization::UnicodeNormalization;

use crate::common::{Setup, fixtures, seed};

fn render_text(session: &Session, wrap: Option<usize>) -> String {
    let setup = Setup::default_style();
    let cx = setup.cx(wrap);
    String::from_utf8(render(session, Format::Txt, &cx).unwrap().bytes).unwrap()
}

fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    (c.is_control() && c != '\n')
        || matches!(code, 0x200B..=0x200F | 0x2060..=0x206F | 0xFEFF)
        || (0x2500..=0x259F).contains(&code)
        || (0xE000..=0xF8FF).contains(&code)
        || (0x1F000..=0x1FAFF).contains(&code)
}

fn check_profile(name: &str, session: &Session) {
    let text = render_text(session, None);
    assert!(
        text.ends_with('\n') && !text.ends_with("\n\n"),
        "{name}: one final newline"
    );
    assert_eq!(text.nfc().collect::<String>(), text, "{name}: NFC");
    assert!(!text.contains('\r'), "{name}: LF only");
    if let Some(c) = text.chars().find(|c| is_forbidden(*c)) {
        panic!("{name}: forbidden character {c:?}");
    }
    assert!(!text.contains("\n\n\n"), "{name}: more than one blank line");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("# {}", session.title.trim()),
        "{name}: line 1"
    );
    assert!(lines[1].is_empty());
    let meta: Vec<&str> = lines[2..]
        .iter()
        .take_while(|l| !l.is_empty())
        .copied()
        .collect();
    assert!(
        meta.iter().all(|l| l.contains(": ")),
        "{name}: metadata lines {meta:?}"
    );
    assert!(meta.iter().any(|l| l.starts_with("Language: ")), "{name}");
    assert!(meta.iter().any(|l| l.starts_with("Format: ")), "{name}");

    let mut previous = 1;
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.trim(), *line, "{name}: stray spaces in {line:?}");
        if line.starts_with('#') {
            let level = line.chars().take_while(|c| *c == '#').count();
            assert!(level <= previous + 1, "{name}: skipped level at {line:?}");
            assert!(
                !line.ends_with(':'),
                "{name}: heading with a colon {line:?}"
            );
            assert!(
                i == 0 || lines[i - 1].is_empty(),
                "{name}: blank line before {line:?}"
            );
            assert!(
                lines.get(i + 1).is_none_or(|l| l.is_empty()),
                "{name}: after {line:?}"
            );
            previous = level;
        }
        let repeated = line
            .chars()
            .filter(|c| !c.is_alphanumeric() && *c != ' ')
            .count();
        assert!(
            line.chars().count() < 4 || repeated * 2 < line.chars().count(),
            "{name}: a decorative line {line:?}"
        );
    }

    let have: std::collections::BTreeSet<String> = words(&text).collect();
    for piece in content_texts(session) {
        for word in words(&piece.nfc().collect::<String>()) {
            assert!(
                have.contains(&word),
                "{name}: content word {word:?} missing"
            );
        }
    }
}

#[test]
fn seed_text_follows_the_profile() {
    let session = normalise(&seed(), &IngestOptions::named("seed.txt")).unwrap();
    check_profile("seed.txt", &session);
}

#[test]
fn fixture_text_follows_the_profile() {
    for (name, bytes) in fixtures() {
        let session = normalise(&bytes, &IngestOptions::named(&name)).unwrap();
        check_profile(&name, &session);
    }
}

#[test]
fn wrap_is_opt_in_and_keeps_every_word() {
    let session = normalise(&seed(), &IngestOptions::named("seed.txt")).unwrap();
    let free = render_text(&session, None);
    assert!(
        free.lines().any(|l| l.chars().count() > 200),
        "no hard wrapping by default"
    );
    let wrapped = render_text(&session, Some(60));
    for line in wrapped.lines() {
        let long_word = line.split(' ').any(|w| w.chars().count() > 60);
        assert!(line.chars().count() <= 60 || long_word, "{line:?}");
    }
    let words_of = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(words_of(&free), words_of(&wrapped));
}
