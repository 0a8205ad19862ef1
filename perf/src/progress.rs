//! Progress bars for `rvjit bench` (indicatif, on standard error; drawn
//! only when it is a terminal): one bar per run, counting the units the
//! workload reports (min-rt's rows, from the lines of its PPM), or a
//! spinner with the elapsed time when it reports none.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::workload::Lines;

/// The bar of one run, fed with the program's output as it arrives.
pub struct RunBar {
    bar: ProgressBar,
    lines: Option<Lines>,
    newlines: u64,
}

impl RunBar {
    /// A bar for the run named `label` of a workload reporting `lines`.
    pub fn new(label: &str, lines: Option<Lines>) -> RunBar {
        let bar = match lines {
            Some(l) => ProgressBar::new(l.units).with_style(
                ProgressStyle::with_template(&format!(
                    "{{prefix:>16}} [{{bar:40}}] {{pos}}/{{len}} {} {{elapsed}}",
                    l.unit
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            ),
            None => {
                let bar = ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{prefix:>16} {spinner} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.enable_steady_tick(Duration::from_millis(100));
                bar
            }
        };
        bar.set_prefix(label.to_owned());
        RunBar {
            bar,
            lines,
            newlines: 0,
        }
    }

    /// Takes the next piece of the program's output.
    pub fn feed(&mut self, bytes: &[u8]) {
        if let Some(lines) = self.lines {
            self.newlines += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            self.bar.set_position(lines.done(self.newlines));
        }
    }

    /// Ends the bar with a short result (e.g. the wall time).
    pub fn finish(self, message: &str) {
        self.bar.set_style(
            ProgressStyle::with_template("{prefix:>16} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar.finish_with_message(message.to_owned());
    }
}
