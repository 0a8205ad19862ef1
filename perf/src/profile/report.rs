//! Samples folded into call stacks, and what is written from them: the
//! flamegraph (inferno, from collapsed-stack lines) and a top-N summary.

use std::collections::{HashMap, HashSet};
use std::io::Write;

/// Call stacks with their sample counts.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// `root;caller;...;leaf` -> samples.
    stacks: HashMap<String, u64>,
    samples: u64,
}

/// One function of the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hot {
    /// The function.
    pub name: String,
    /// Samples with it innermost.
    pub own: u64,
    /// Samples with it anywhere on the stack.
    pub total: u64,
}

impl Profile {
    /// An empty profile.
    pub fn new() -> Profile {
        Profile::default()
    }

    /// Adds one sample, its stack given outermost frame first. `;` in a
    /// name (the collapsed format's separator) becomes `:`.
    pub fn add<'a>(&mut self, frames: impl IntoIterator<Item = &'a str>) {
        let key: Vec<String> = frames.into_iter().map(|f| f.replace(';', ":")).collect();
        *self.stacks.entry(key.join(";")).or_default() += 1;
        self.samples += 1;
    }

    /// Samples taken.
    pub fn samples(&self) -> u64 {
        self.samples
    }

    /// The collapsed-stack lines (`a;b;c 12`), sorted.
    pub fn collapsed(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .stacks
            .iter()
            .map(|(stack, n)| format!("{stack} {n}"))
            .collect();
        lines.sort();
        lines
    }

    /// Writes the flamegraph SVG titled `title`.
    pub fn write_flamegraph(&self, title: &str, out: impl Write) -> std::io::Result<()> {
        let mut options = inferno::flamegraph::Options::default();
        options.title = title.to_string();
        options.count_name = "samples".to_string();
        let lines = self.collapsed();
        inferno::flamegraph::from_lines(&mut options, lines.iter().map(String::as_str), out)
            .map_err(std::io::Error::other)
    }

    /// The `n` functions with the most samples of their own, most first
    /// (ties by name).
    pub fn top(&self, n: usize) -> Vec<Hot> {
        let mut hot: HashMap<&str, Hot> = HashMap::new();
        for (stack, &count) in &self.stacks {
            let frames: Vec<&str> = stack.split(';').collect();
            let mut seen = HashSet::new();
            for frame in &frames {
                if seen.insert(*frame) {
                    entry(&mut hot, frame).total += count;
                }
            }
            if let Some(leaf) = frames.last() {
                entry(&mut hot, leaf).own += count;
            }
        }
        let mut hot: Vec<Hot> = hot.into_values().collect();
        hot.sort_by(|a, b| {
            b.own
                .cmp(&a.own)
                .then(b.total.cmp(&a.total))
                .then(a.name.cmp(&b.name))
        });
        hot.truncate(n);
        hot
    }

    /// The top-`n` table as text: own and total shares of the samples.
    pub fn summary(&self, n: usize) -> String {
        let share = |k: u64| 100.0 * k as f64 / self.samples.max(1) as f64;
        let mut out = format!(
            "{} samples\n{:>7} {:>7}  function\n",
            self.samples, "own%", "total%"
        );
        for h in self.top(n) {
            out.push_str(&format!(
                "{:>6.2}% {:>6.2}%  {}\n",
                share(h.own),
                share(h.total),
                h.name
            ));
        }
        out
    }
}

fn entry<'m, 'n>(hot: &'m mut HashMap<&'n str, Hot>, name: &'n str) -> &'m mut Hot {
    hot.entry(name).or_insert_with(|| Hot {
        name: name.to_string(),
        own: 0,
        total: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Profile {
        let mut p = Profile::new();
        for _ in 0..3 {
            p.add(["main", "trace", "intersect"]);
        }
        p.add(["main", "trace"]);
        p.add(["main", "f;g"]);
        // Recursion counts once in the total.
        p.add(["main", "trace", "trace"]);
        p
    }

    #[test]
    fn samples_fold_into_stacks_and_the_top_functions() {
        let p = sample();
        assert_eq!(p.samples(), 6);
        assert_eq!(
            p.collapsed(),
            [
                "main;f:g 1",
                "main;trace 1",
                "main;trace;intersect 3",
                "main;trace;trace 1"
            ]
        );
        let top = p.top(2);
        assert_eq!(
            top,
            [
                Hot {
                    name: "intersect".into(),
                    own: 3,
                    total: 3
                },
                Hot {
                    name: "trace".into(),
                    own: 2,
                    total: 5
                },
            ]
        );
        let text = p.summary(3);
        assert!(text.starts_with("6 samples\n"), "{text}");
        assert!(text.contains(" 50.00%  50.00%  intersect\n"), "{text}");
    }

    #[test]
    fn the_flamegraph_is_an_svg_naming_the_frames() {
        let mut svg = Vec::new();
        sample().write_flamegraph("test", &mut svg).unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("intersect"));
    }
}
