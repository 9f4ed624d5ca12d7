//! Field names of option objects (the JS API's requests, blocks and options): an unknown
//! name is an error that names it and suggests the right one, never silently ignored.

/// The names an options object accepts, and for common wrong names what to say instead.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Accepted names.
    pub known: &'static [&'static str],
    /// `(wrong, advice)`: a lone name as advice reads "did you mean <name>?"; a longer
    /// advice is said as it is.
    pub hints: &'static [(&'static str, &'static str)],
}

impl Fields {
    /// The error for unknown key `key` of `what`: "<what>.<key>: unknown field; <advice>".
    pub fn unknown(&self, what: &str, key: &str) -> String {
        format!("{what}.{key}: unknown field; {}", self.advice(key))
    }

    /// What to say about an unknown key: a hint, the nearest known name, or the list.
    pub fn advice(&self, key: &str) -> String {
        if let Some((_, a)) = self.hints.iter().find(|(w, _)| *w == key) {
            return if a.contains(' ') {
                (*a).to_string()
            } else {
                format!("did you mean {a}?")
            };
        }
        let near = self
            .known
            .iter()
            .map(|k| {
                (
                    distance(&key.to_ascii_lowercase(), &k.to_ascii_lowercase()),
                    k,
                )
            })
            .min();
        match near {
            Some((d, k)) if d <= 2 && d < key.len() => format!("did you mean {k}?"),
            _ => format!("expected one of {}", self.known.join(", ")),
        }
    }
}

/// Levenshtein distance (names are short).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const TX: Fields = Fields {
        known: &["gas", "data", "to", "from"],
        hints: &[("gasLimit", "gas"), ("authorizationList", "needs Prague")],
    };

    #[test]
    fn unknown_keys_are_named_with_advice() {
        // Which keys are known is checked where the object is read (the JS API's
        // `readObject`); what it says of an unknown one is made here.
        assert!(["gas", "to"].iter().all(|k| TX.known.contains(k)));
        assert!(!TX.known.contains(&"gasLimit"));
        assert_eq!(
            TX.unknown("tx", "gasLimit"),
            "tx.gasLimit: unknown field; did you mean gas?"
        );
        assert_eq!(
            TX.unknown("tx", "authorizationList"),
            "tx.authorizationList: unknown field; needs Prague"
        );
        assert_eq!(TX.advice("dat"), "did you mean data?");
        assert_eq!(TX.advice("Form"), "did you mean from?");
        assert_eq!(TX.advice("banana"), "expected one of gas, data, to, from");
    }
}
