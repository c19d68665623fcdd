//! Positions in the files schemagate reads, for messages that name `file:line`. Server error
//! positions, which count characters, are [`crate::pg_error::line_col`]'s.

/// The 1-based line holding byte `offset` of `bytes` (the last line when past the end).
pub fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::line_of;

    #[test]
    fn offsets_map_to_lines() {
        let text = b"one\ntwo\n\nfour";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 3), 1);
        assert_eq!(line_of(text, 4), 2);
        assert_eq!(line_of(text, 9), 4);
        assert_eq!(line_of(text, 1000), 4);
    }
}
