//! The framing questions: the items and lines under a question heading ("Policy questions",
//! "Perguntas a serem cobertas nesta sessão:"), a list whose items are all questions together
//! with the question sentences of the paragraph that introduces it, and "Policy question: …"
//! fields. The questions stay in the body; `questions` is an index of them.

use super::cues;
use super::shapes::{self, split_field};
use crate::model::{Block, Section};

/// A list counts as a list of questions when it has at least this many items, all ending in
/// "?": one question alone is more often a rhetorical aside.
pub const MIN_QUESTION_ITEMS: usize = 2;

/// True for a heading that introduces questions (but not a "Questions and answers" slot).
pub fn is_question_heading(heading: &str) -> bool {
    let label = cues::normalise_label(heading);
    let is_answers = [
        "and answers",
        "e respostas",
        "y respuestas",
        "& answers",
        "et réponses",
    ]
    .iter()
    .any(|a| label.contains(a));
    !is_answers
        && (cues::is_in(cues::QUESTION_CUES, &label)
            || cues::QUESTION_CUE_STARTS
                .iter()
                .any(|c| label.starts_with(c)))
}

/// The questions of the body, in reading order, each once.
pub fn collect(sections: &[Section]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |q: &str| {
        let q = q.trim();
        if !q.is_empty() && !out.iter().any(|o| o == q) {
            out.push(q.to_owned());
        }
    };
    for section in sections {
        let under_cue = section.heading.as_deref().is_some_and(is_question_heading);
        for (b, block) in section.blocks.iter().enumerate() {
            match block {
                Block::List { items, .. } if under_cue => items.iter().for_each(|i| push(i)),
                Block::Paragraph {
                    text,
                    speaker: None,
                } if under_cue => push(text),
                Block::List { items, .. }
                    if items.len() >= MIN_QUESTION_ITEMS
                        && items.iter().all(|i| i.trim_end().ends_with('?')) =>
                {
                    if let Some(Block::Paragraph {
                        text,
                        speaker: None,
                    }) = b.checked_sub(1).and_then(|p| section.blocks.get(p))
                    {
                        shapes::sentences(text)
                            .into_iter()
                            .filter(|s| s.ends_with('?'))
                            .for_each(&mut push);
                    }
                    items.iter().for_each(|i| push(i));
                }
                Block::Paragraph {
                    text,
                    speaker: None,
                } => {
                    if let Some(field) = split_field(text)
                        && !field.value.is_empty()
                        && is_question_heading(&field.label)
                    {
                        push(&field.value);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(heading: Option<&str>, blocks: Vec<Block>) -> Section {
        Section {
            heading: heading.map(str::to_owned),
            level: 1,
            blocks,
        }
    }

    fn para(t: &str) -> Block {
        Block::Paragraph {
            text: t.into(),
            speaker: None,
        }
    }

    #[test]
    fn questions_list_with_its_introduction() {
        let s = section(
            None,
            vec![
                para("Context here. How do we comply?"),
                Block::List {
                    items: vec!["Why?".into(), "What next?".into()],
                    ordered: false,
                },
            ],
        );
        assert_eq!(collect(&[s]), ["How do we comply?", "Why?", "What next?"]);
    }

    #[test]
    fn questions_under_a_question_heading() {
        let s = section(
            Some("Perguntas a serem cobertas nesta sessão:"),
            vec![para("O que é?"), para("Perspectiva dos atores.")],
        );
        assert_eq!(collect(&[s]).len(), 2);
        let s = section(Some("Perguntas e respostas:"), vec![para("O que é?")]);
        assert!(collect(&[s]).is_empty());
    }

    #[test]
    fn questions_policy_question_field() {
        let s = section(None, vec![para("Policy Question: How should data flow?")]);
        assert_eq!(collect(&[s]), ["How should data flow?"]);
    }
}
