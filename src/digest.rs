//! Content digests for change detection (FNV-1a, 64 bit): an article's digest in its review
//! file, and the seed of a new claim's short id. Not a security hash.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over the given byte strings, with a separator between them.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash = OFFSET;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            hash = (hash ^ 0xff).wrapping_mul(PRIME);
        }
        for b in *part {
            hash = (hash ^ u64::from(*b)).wrapping_mul(PRIME);
        }
    }
    hash
}

/// The digest written in a review file for an article's text.
pub fn article_digest(text: &str) -> String {
    format!("fnv1a64:{:016x}", fnv1a(&[text.as_bytes()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&[b"foobar"]), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn separator_distinguishes_splits() {
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }
}
