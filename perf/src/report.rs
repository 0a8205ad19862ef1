//! The result of a bench: per column the median wall and CPU time over
//! the runs, guest instructions and MIPS, and whether the output is the
//! native build's; written as a text table, CSV or JSON.
//!
//! Ratios compare wall times: the cell for row A under `×B` is
//! wall(B) / wall(A), how many times faster A ran than B.

use std::fmt::Write;

use serde::Serialize;

use crate::Measured;

/// All columns of one bench.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// What ran ("min-rt contest.sld 128x128 f32").
    pub workload: String,
    /// Runs per column.
    pub runs: u32,
    /// In the order asked for.
    pub columns: Vec<ColumnReport>,
}

/// One column's figures.
#[derive(Clone, Debug, Serialize)]
pub struct ColumnReport {
    /// The engine, "native" or "qemu".
    pub name: String,
    /// Median wall time, seconds.
    pub wall_s: f64,
    /// Median CPU time (user and system), seconds.
    pub cpu_s: f64,
    /// Guest instructions (none for the native build).
    pub insns: Option<u64>,
    /// Guest instructions per wall-time microsecond.
    pub mips: Option<f64>,
    /// Every run exited successfully and wrote the native output.
    pub matches_native: bool,
    /// The first failure to exit, if any.
    pub error: Option<String>,
    /// Wall time of each run, seconds.
    pub wall_runs_s: Vec<f64>,
    /// CPU time of each run, seconds.
    pub cpu_runs_s: Vec<f64>,
    /// What the first run wrote (the picture, for `--image`).
    #[serde(skip)]
    pub output: Vec<u8>,
}

impl ColumnReport {
    /// Sums up the `runs` of column `name` against the native `reference`.
    pub fn new(name: &str, runs: &[Measured], insns: Option<u64>, reference: &[u8]) -> Self {
        let wall_runs_s: Vec<f64> = runs.iter().map(|m| m.times.wall.as_secs_f64()).collect();
        let cpu_runs_s: Vec<f64> = runs.iter().map(|m| m.times.cpu.as_secs_f64()).collect();
        let wall_s = median(&wall_runs_s);
        let error = runs.iter().find_map(|m| match &m.exit {
            Ok(0) => None,
            Ok(code) => Some(format!("exit status {code}")),
            Err(e) => Some(e.clone()),
        });
        ColumnReport {
            name: name.to_owned(),
            wall_s,
            cpu_s: median(&cpu_runs_s),
            insns,
            mips: insns.map(|n| n as f64 / wall_s.max(1e-9) / 1e6),
            matches_native: error.is_none() && runs.iter().all(|m| m.output == reference),
            error,
            wall_runs_s,
            cpu_runs_s,
            output: runs.first().map(|m| m.output.clone()).unwrap_or_default(),
        }
    }

    fn verdict(&self) -> String {
        match (&self.error, self.matches_native) {
            (Some(e), _) => format!("failed: {e}"),
            (None, true) => "same as native".into(),
            (None, false) => "DIFFERS from native".into(),
        }
    }
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if !n.is_multiple_of(2) => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// `n` with thousands separators.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Report {
    /// Whether every column ran and wrote the native output.
    pub fn all_match(&self) -> bool {
        self.columns.iter().all(|c| c.matches_native)
    }

    /// wall(of) / wall(row): how many times faster `row` ran than `of`.
    pub fn speed(row: &ColumnReport, of: &ColumnReport) -> f64 {
        of.wall_s / row.wall_s.max(1e-9)
    }

    /// The table for a terminal.
    pub fn table(&self) -> String {
        let mut header: Vec<String> = ["engine", "wall", "CPU", "instructions", "MIPS"]
            .map(String::from)
            .to_vec();
        header.extend(self.columns.iter().map(|c| format!("×{}", c.name)));
        header.push("output".into());
        let rows: Vec<Vec<String>> = self
            .columns
            .iter()
            .map(|c| {
                let mut row = vec![
                    c.name.clone(),
                    format!("{:.3} s", c.wall_s),
                    format!("{:.3} s", c.cpu_s),
                    c.insns.map_or("-".into(), grouped),
                    c.mips.map_or("-".into(), |m| format!("{m:.1}")),
                ];
                row.extend(
                    self.columns
                        .iter()
                        .map(|of| format!("{:.2}", Report::speed(c, of))),
                );
                row.push(c.verdict());
                row
            })
            .collect();
        let widths: Vec<usize> = (0..header.len())
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([header[i].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let runs = match self.runs {
            1 => "1 run".to_owned(),
            n => format!("median of {n} runs"),
        };
        let mut out = format!("{} ({runs})\n", self.workload);
        for row in [&header].into_iter().chain(&rows) {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (cell, &w))| {
                    let pad = w - cell.chars().count();
                    // Names and the verdict to the left, figures to the right.
                    if i == 0 || i == row.len() - 1 {
                        format!("{cell}{}", " ".repeat(pad))
                    } else {
                        format!("{}{cell}", " ".repeat(pad))
                    }
                })
                .collect();
            let _ = writeln!(out, "{}", cells.join("  ").trim_end());
        }
        out.push_str("×X: how many times faster than X (wall time); qemu's MIPS use the engines' instruction count\n");
        out
    }

    /// CSV: a header line, then one line per column.
    pub fn csv(&self) -> String {
        let mut out = String::from(
            "workload,engine,runs,wall_s,cpu_s,instructions,mips,matches_native,error",
        );
        for c in &self.columns {
            let _ = write!(out, ",speed_vs_{}", c.name);
        }
        out.push('\n');
        for c in &self.columns {
            let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            let _ = write!(
                out,
                "{},{},{},{:.6},{:.6},{},{},{},{}",
                quoted(&self.workload),
                quoted(&c.name),
                self.runs,
                c.wall_s,
                c.cpu_s,
                c.insns.map_or(String::new(), |n| n.to_string()),
                c.mips.map_or(String::new(), |m| format!("{m:.3}")),
                c.matches_native,
                c.error.as_deref().map_or(String::new(), quoted),
            );
            for of in &self.columns {
                let _ = write!(out, ",{:.4}", Report::speed(c, of));
            }
            out.push('\n');
        }
        out
    }

    /// JSON: the report as one object.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::time::Duration;

    use super::*;
    use crate::clock::Times;

    fn measured(wall_ms: u64, output: &[u8], exit: Result<u32, String>) -> Measured {
        Measured {
            times: Times {
                wall: Duration::from_millis(wall_ms),
                cpu: Duration::from_millis(wall_ms - 1),
            },
            insns: None,
            output: output.to_vec(),
            exit,
        }
    }

    /// interp 2 s (of 3 runs), native 0.5 s, qemu 1 s with a wrong image.
    pub(crate) fn sample() -> Report {
        let interp = [
            measured(2000, b"img", Ok(0)),
            measured(3000, b"img", Ok(0)),
            measured(1000, b"img", Ok(0)),
        ];
        let native: [Measured; 3] = std::array::from_fn(|_| measured(500, b"img", Ok(0)));
        let qemu: [Measured; 3] = std::array::from_fn(|_| measured(1000, b"bad", Ok(0)));
        Report {
            workload: "min-rt spheres.sld 16x16 f32".into(),
            runs: 3,
            columns: vec![
                ColumnReport::new("interp", &interp, Some(4_000_000_000), b"img"),
                ColumnReport::new("native", &native, None, b"img"),
                ColumnReport::new("qemu", &qemu, Some(4_000_000_000), b"img"),
            ],
        }
    }

    #[test]
    fn medians_rates_and_ratios() {
        let r = sample();
        let [interp, native, qemu] = &r.columns[..] else {
            panic!()
        };
        assert_eq!(interp.wall_s, 2.0);
        assert_eq!(interp.cpu_s, 1.999);
        assert_eq!(interp.mips, Some(2000.0));
        assert_eq!(Report::speed(native, interp), 4.0);
        assert_eq!(Report::speed(interp, qemu), 0.5);
        assert!(interp.matches_native && native.matches_native && !qemu.matches_native);
        assert!(!r.all_match());
        assert_eq!(median(&[1.0, 4.0]), 2.5);
        let failed = ColumnReport::new("x", &[measured(5, b"img", Ok(3))], None, b"img");
        assert_eq!(failed.verdict(), "failed: exit status 3");
    }

    #[test]
    fn table_csv_and_json() {
        let r = sample();
        let table = r.table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "min-rt spheres.sld 16x16 f32 (median of 3 runs)");
        assert!(lines[1].starts_with("engine  "), "{table}");
        assert!(
            lines[1].contains("×interp  ×native  ×qemu  output"),
            "{table}"
        );
        assert!(lines[2].contains("4,000,000,000  2000.0"), "{table}");
        assert!(
            lines[2].ends_with("1.00     0.25   0.50  same as native"),
            "{table}"
        );
        assert!(lines[4].ends_with("DIFFERS from native"), "{table}");
        let csv = r.csv();
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 4);
        assert!(rows[0].ends_with(",speed_vs_interp,speed_vs_native,speed_vs_qemu"));
        assert!(rows[2].starts_with("\"min-rt spheres.sld 16x16 f32\",\"native\",3,0.500000,0.499000,,,true,,4.0000,1.0000,2.0000"), "{csv}");
        let json: serde_json::Value = serde_json::from_str(&r.json()).unwrap();
        assert_eq!(json["columns"][2]["matches_native"], false);
        assert_eq!(json["columns"][0]["wall_runs_s"][1], 3.0);
    }
}
