//! The one word-wrapper: text fitted to a number of terminal columns at word
//! boundaries, counting display width (wide characters count two, ANSI
//! colour sequences nothing), on `textwrap`. The reports and the terminal
//! session both wrap through here, so a prompt and a report line break the
//! same way.

/// Where a line may break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Between words, never inside one: "part-time" stays whole (broken
    /// after its hyphen, it reads as two words at the end of a line).
    Words,
    /// At spaces only: a screen reader reads every line as it is. A path
    /// too long for a line of its own (a word with a `/`, over
    /// [`LONG_PATH`] columns) may also break after a `/`, not wherever the
    /// line ends ("…110450" / ".json").
    Spaces,
}

/// How long a word with a `/` is before it may break after one.
const LONG_PATH: usize = 20;

/// Words at spaces, and long paths in pieces that end with `/`.
fn spaces_and_slashes(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    Box::new(line.split_inclusive(' ').flat_map(|word| {
        let path = word.contains('/') && width_of(word.trim_end()) > LONG_PATH;
        let mut pieces: Vec<&str> = match path {
            true => word.split_inclusive('/').collect(),
            false => vec![word],
        };
        // A leading `/` alone at a line's end reads as nothing: it stays
        // with the folder after it.
        if pieces.len() > 1 && pieces[0] == "/" {
            pieces.splice(..2, [&word[..1 + pieces[1].len()]]);
        }
        pieces.into_iter().map(textwrap::core::Word::from)
    }))
}

/// The lines of `text` wrapped to `width` columns. The first line starts
/// with `first`, every other line with `rest`; each `\n` in `text` starts a
/// new paragraph (an empty one stays an empty line). A word longer than the
/// room is broken, never left overflowing.
pub fn lines(text: &str, width: usize, first: &str, rest: &str, breaks: Breaks) -> Vec<String> {
    let width = width.max(textwrap::core::display_width(rest) + 10);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let indent = if out.is_empty() { first } else { rest };
        let words: Vec<&str> = paragraph.split_ascii_whitespace().collect();
        let paragraph = words.join(" ");
        if paragraph.is_empty() {
            out.push(indent.trim_end().to_string());
            continue;
        }
        let options = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(rest)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let wrapped = match breaks {
            Breaks::Words => textwrap::wrap(&paragraph, options),
            // Lines filled one after the other (not balanced): a screen
            // reader reads them as they come. A path is broken only when
            // it does not fit a line of its own.
            Breaks::Spaces => {
                let options = (options.wrap_algorithm(textwrap::WrapAlgorithm::FirstFit))
                    .word_separator(textwrap::WordSeparator::AsciiSpace);
                let whole = textwrap::wrap(&paragraph, options.clone().break_words(false));
                match whole.iter().any(|l| width_of(l) > width) {
                    true => textwrap::wrap(
                        &paragraph,
                        options.word_separator(textwrap::WordSeparator::Custom(spaces_and_slashes)),
                    ),
                    false => whole,
                }
            }
        };
        out.extend(wrapped.into_iter().map(|l| l.into_owned()));
    }
    out
}

/// `text` wrapped to `width` columns with a hanging indent, each line ending
/// in `\n` (the reports' paragraphs).
pub fn block(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for line in lines(text, width, first, rest, Breaks::Words) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// How many columns `text` takes on a terminal.
pub fn width_of(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// `text` on one line of at most `width` columns, cut with "…" when longer.
pub fn cut(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += width_of(c.encode_utf8(&mut [0; 4]));
        if used >= width {
            break;
        }
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
#[path = "../tests/unit/wrap.rs"]
mod tests;
