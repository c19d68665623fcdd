//! A line diff of two expected-schema files, for `check`: the committed file against what the
//! migrations build.

/// Writes one changed line, preceded by its section header the first time.
fn emit_change(out: &mut String, sign: char, line: &str, header: Option<&str>, shown: &mut bool) {
    if !*shown && let Some(header) = header {
        out.push(' ');
        out.push_str(header);
        out.push('\n');
    }
    *shown = true;
    out.push(sign);
    out.push_str(line);
    out.push('\n');
}

/// A line diff from `old` to `new` (for `check`: the committed file against a fresh
/// snapshot). Changed lines start with `-` or `+`; the `[section]` header above a change is
/// shown with a leading space. Empty when the texts are equal.
pub fn toml_diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let mut out = String::new();
    let mut header: Option<&str> = None;
    let mut header_shown = false;
    for edit in diff_lines(&old, &new) {
        match edit {
            Edit::Same(line) => {
                if line.starts_with('[') {
                    header = Some(line);
                    header_shown = false;
                }
            }
            Edit::Removed(line) => emit_change(&mut out, '-', line, header, &mut header_shown),
            Edit::Added(line) => emit_change(&mut out, '+', line, header, &mut header_shown),
        }
    }
    out
}

enum Edit<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// A longest-common-subsequence diff after trimming the common prefix and suffix. Above a
/// size where the table would be too big, the differing middle is shown as removed then added.
fn diff_lines<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Edit<'a>> {
    const MAX_CELLS: usize = 4_000_000;
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut edits: Vec<Edit<'a>> = old[..prefix].iter().map(|l| Edit::Same(l)).collect();
    if (a.len() + 1) * (b.len() + 1) > MAX_CELLS {
        edits.extend(a.iter().map(|l| Edit::Removed(l)));
        edits.extend(b.iter().map(|l| Edit::Added(l)));
    } else {
        let width = b.len() + 1;
        let mut lcs = vec![0u32; (a.len() + 1) * width];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i * width + j] = if a[i] == b[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                edits.push(Edit::Same(a[i]));
                i += 1;
                j += 1;
            } else if i < a.len()
                && (j == b.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
            {
                edits.push(Edit::Removed(a[i]));
                i += 1;
            } else {
                edits.push(Edit::Added(b[j]));
                j += 1;
            }
        }
    }
    edits.extend(old[old.len() - suffix..].iter().map(|l| Edit::Same(l)));
    edits
}

#[cfg(test)]
mod tests {
    use super::toml_diff;

    #[test]
    fn diff_shows_changed_lines_under_their_section() {
        let old = "version = 1\n\n[tables.a]\ncolumns = { id = \"bigint not null\" }\n\n[tables.b]\ncolumns = {}\n";
        let new = "version = 1\n\n[tables.a]\ncolumns = { id = \"integer not null\" }\n\n[tables.b]\ncolumns = {}\n";
        assert_eq!(
            toml_diff(old, new),
            " [tables.a]\n-columns = { id = \"bigint not null\" }\n+columns = { id = \"integer not null\" }\n"
        );
        assert_eq!(toml_diff(old, old), "");
    }
}
