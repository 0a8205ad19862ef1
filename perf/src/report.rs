//! The result of a bench: per column the median wall and CPU time over
//! the runs, guest instructions and MIPS, and whether the output is the
//! native build's; with `--pipeline`, the pipeline model's estimate beside
//! the course's figures for min-rt; written as a text table, CSV or JSON.
//!
//! Ratios compare wall times: the cell for row A under `×B` is
//! wall(B) / wall(A), how many times faster A ran than B.

use std::fmt::Write;

use serde::Serialize;

use crate::Measured;
use crate::pipeline::{COURSE_RECORDS, Estimate, SEED_CLOCK_MHZ, SEED_INSTRUCTIONS, SEED_SECONDS};

/// All columns of one bench.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// What ran ("min-rt contest.sld 128x128 f32").
    pub workload: String,
    /// Runs per column.
    pub runs: u32,
    /// In the order asked for.
    pub columns: Vec<ColumnReport>,
    /// The pipeline model's estimate, when asked for.
    pub pipeline: Option<PipelineReport>,
    /// The course's CPU on min-rt, shown beside the estimate.
    pub course: Vec<CourseFigure>,
}

/// The pipeline model's estimate for the workload.
#[derive(Clone, Debug, Serialize)]
pub struct PipelineReport {
    /// The modelled clock, MHz.
    pub clock_mhz: f64,
    /// Instructions the model saw.
    pub instructions: u64,
    /// Cycles until the last of them completed.
    pub cycles: u64,
    /// Cycles per instruction.
    pub cpi: f64,
    /// Run time at the clock, seconds.
    pub seconds: f64,
    /// The model's run exited successfully and wrote the native output.
    pub matches_native: bool,
    /// How the model's run failed to exit, if it did.
    pub error: Option<String>,
    /// Host wall time of the model's run (the interpreter feeding the
    /// model), seconds.
    pub model_wall_s: f64,
}

impl PipelineReport {
    /// The `estimate` of the `run` that fed the model, at `clock_mhz`.
    pub fn new(estimate: &Estimate, clock_mhz: f64, run: &Measured, reference: &[u8]) -> Self {
        let error = exit_error(run);
        PipelineReport {
            clock_mhz,
            instructions: estimate.instructions,
            cycles: estimate.cycles,
            cpi: estimate.cpi,
            seconds: estimate.seconds,
            matches_native: error.is_none() && run.output == reference,
            error,
            model_wall_s: run.times.wall.as_secs_f64(),
        }
    }

    /// The estimate's name in tables and charts.
    pub fn name(&self) -> String {
        format!("pipeline {} MHz", self.clock_mhz)
    }
}

/// A figure of the course's CPU on min-rt (contest.sld at 128x128).
#[derive(Clone, Debug, Serialize)]
pub struct CourseFigure {
    /// "seed", "record 2006".
    pub name: String,
    /// Instructions retired, where known.
    pub instructions: Option<u64>,
    /// Cycles at 210 MHz, where the instructions are known.
    pub cycles: Option<u64>,
    /// Cycles per instruction, where known.
    pub cpi: Option<f64>,
    /// Run time, seconds.
    pub seconds: f64,
}

impl CourseFigure {
    /// The seed's run and the course's records.
    pub fn all() -> Vec<CourseFigure> {
        let cycles = SEED_SECONDS * SEED_CLOCK_MHZ * 1e6;
        let seed = CourseFigure {
            name: "seed".into(),
            instructions: Some(SEED_INSTRUCTIONS as u64),
            cycles: Some(cycles as u64),
            cpi: Some(cycles / SEED_INSTRUCTIONS),
            seconds: SEED_SECONDS,
        };
        let records = COURSE_RECORDS.iter().map(|&(year, seconds)| CourseFigure {
            name: format!("record {year}"),
            instructions: None,
            cycles: None,
            cpi: None,
            seconds,
        });
        [seed].into_iter().chain(records).collect()
    }
}

/// How `run` failed to exit cleanly, if it did.
fn exit_error(run: &Measured) -> Option<String> {
    match &run.exit {
        Ok(0) => None,
        Ok(code) => Some(format!("exit status {code}")),
        Err(e) => Some(e.clone()),
    }
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
        let error = runs.iter().find_map(exit_error);
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
        verdict(self.error.as_deref(), self.matches_native)
    }
}

/// The output cell: a failure, or whether the output is the native one.
fn verdict(error: Option<&str>, matches_native: bool) -> String {
    match (error, matches_native) {
        (Some(e), _) => format!("failed: {e}"),
        (None, true) => "same as native".into(),
        (None, false) => "DIFFERS from native".into(),
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

/// `header` and `rows` in columns: names (the first cell) and the last
/// cell to the left, figures to the right.
fn aligned(header: &[String], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in [header].into_iter().chain(rows.iter().map(Vec::as_slice)) {
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
    out
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
    /// Whether every column (and the pipeline model's run) ran and wrote
    /// the native output.
    pub fn all_match(&self) -> bool {
        self.columns.iter().all(|c| c.matches_native)
            && self.pipeline.as_ref().is_none_or(|p| p.matches_native)
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
        let runs = match self.runs {
            1 => "1 run".to_owned(),
            n => format!("median of {n} runs"),
        };
        let mut out = format!("{} ({runs})\n", self.workload);
        out.push_str(&aligned(&header, &rows));
        out.push_str("×X: how many times faster than X (wall time); qemu's MIPS use the engines' instruction count\n");
        if let Some(p) = &self.pipeline {
            out.push('\n');
            out.push_str(&self.estimates(p));
        }
        out
    }

    /// The pipeline model's estimate and the course's figures, as a table.
    fn estimates(&self, p: &PipelineReport) -> String {
        let header = [
            "estimate",
            "instructions",
            "cycles",
            "CPI",
            "seconds",
            "output",
        ]
        .map(String::from)
        .to_vec();
        let mut rows = vec![vec![
            p.name(),
            grouped(p.instructions),
            grouped(p.cycles),
            format!("{:.3}", p.cpi),
            format!("{:.3} s", p.seconds),
            verdict(p.error.as_deref(), p.matches_native),
        ]];
        rows.extend(self.course.iter().map(|c| {
            vec![
                c.name.clone(),
                c.instructions.map_or("-".into(), grouped),
                c.cycles.map_or("-".into(), grouped),
                c.cpi.map_or("-".into(), |cpi| format!("{cpi:.2}")),
                format!("{:.3} s", c.seconds),
                String::new(),
            ]
        }));
        let mut out = aligned(&header, &rows);
        let _ = writeln!(
            out,
            "the model's run took {:.3} s; the course's figures are for contest.sld at 128x128 on its 210 MHz CPU",
            p.model_wall_s
        );
        out
    }

    /// CSV: a header line, then one line per column; with the pipeline
    /// model, one line for its estimate and one per course figure, which
    /// fill the last three fields (empty for the columns).
    pub fn csv(&self) -> String {
        let mut out = String::from(
            "workload,engine,runs,wall_s,cpu_s,instructions,mips,matches_native,error",
        );
        for c in &self.columns {
            let _ = write!(out, ",speed_vs_{}", c.name);
        }
        out.push_str(",cycles,cpi,seconds_at_clock\n");
        let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let number = |n: Option<u64>| n.map_or(String::new(), |n| n.to_string());
        let no_speeds = ",".repeat(self.columns.len());
        for c in &self.columns {
            let _ = write!(
                out,
                "{},{},{},{:.6},{:.6},{},{},{},{}",
                quoted(&self.workload),
                quoted(&c.name),
                self.runs,
                c.wall_s,
                c.cpu_s,
                number(c.insns),
                c.mips.map_or(String::new(), |m| format!("{m:.3}")),
                c.matches_native,
                c.error.as_deref().map_or(String::new(), quoted),
            );
            for of in &self.columns {
                let _ = write!(out, ",{:.4}", Report::speed(c, of));
            }
            out.push_str(",,,\n");
        }
        let Some(p) = &self.pipeline else {
            return out;
        };
        let _ = writeln!(
            out,
            "{},{},1,{:.6},,{},,{},{}{no_speeds},{},{:.4},{:.6}",
            quoted(&self.workload),
            quoted(&p.name()),
            p.model_wall_s,
            p.instructions,
            p.matches_native,
            p.error.as_deref().map_or(String::new(), quoted),
            p.cycles,
            p.cpi,
            p.seconds,
        );
        for c in &self.course {
            let _ = writeln!(
                out,
                "{},{},,,,{},,,{no_speeds},{},{},{:.6}",
                quoted(&self.workload),
                quoted(&c.name),
                number(c.instructions),
                number(c.cycles),
                c.cpi.map_or(String::new(), |cpi| format!("{cpi:.4}")),
                c.seconds,
            );
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
            pipeline: None,
            course: Vec::new(),
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
        assert!(rows[0].ends_with(
            ",speed_vs_interp,speed_vs_native,speed_vs_qemu,cycles,cpi,seconds_at_clock"
        ));
        assert!(rows[2].starts_with("\"min-rt spheres.sld 16x16 f32\",\"native\",3,0.500000,0.499000,,,true,,4.0000,1.0000,2.0000,,,"), "{csv}");
        let json: serde_json::Value = serde_json::from_str(&r.json()).unwrap();
        assert_eq!(json["columns"][2]["matches_native"], false);
        assert_eq!(json["columns"][0]["wall_runs_s"][1], 3.0);
    }

    /// 3 G cycles for 2 G instructions at 210 MHz.
    fn estimate() -> Estimate {
        Estimate {
            instructions: 2_000_000_000,
            cycles: 3_000_000_000,
            cpi: 1.5,
            seconds: 3e9 / 210e6,
            stalls: Default::default(),
        }
    }

    /// [`sample`] with [`estimate`], from a run of 9 s.
    fn with_pipeline() -> Report {
        let model_run = measured(9000, b"img", Ok(0));
        Report {
            pipeline: Some(PipelineReport::new(&estimate(), 210.0, &model_run, b"img")),
            course: CourseFigure::all(),
            ..sample()
        }
    }

    #[test]
    fn the_estimate_sits_beside_the_course_figures() {
        let r = with_pipeline();
        let table = r.table();
        let lines: Vec<&str> = table.lines().skip_while(|l| !l.is_empty()).collect();
        assert!(lines[1].starts_with("estimate  "), "{table}");
        assert!(
            lines[2].starts_with(
                "pipeline 210 MHz  2,000,000,000  3,000,000,000  1.500  14.286 s  same as native"
            ),
            "{table}"
        );
        assert!(
            lines[3].starts_with("seed              1,880,000,000  4,347,000,000   2.31  20.700 s"),
            "{table}"
        );
        assert!(lines[5].starts_with("record 2016"), "{table}");
        assert!(lines[5].contains("     -   4.000 s"), "{table}");
        assert!(
            lines[6].starts_with("the model's run took 9.000 s"),
            "{table}"
        );
        let csv = r.csv();
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 1 + 3 + 1 + 3, "{csv}");
        // Every line has the header's fields.
        let fields = |row: &str| row.split(',').count();
        assert!(rows.iter().all(|r| fields(r) == fields(rows[0])), "{csv}");
        assert!(
            rows[4].starts_with("\"min-rt spheres.sld 16x16 f32\",\"pipeline 210 MHz\",1,9.000000,,2000000000,,true,,,,,3000000000,1.5000,14.285714"),
            "{csv}"
        );
        assert!(
            rows[7].ends_with("\"record 2016\",,,,,,,,,,,,,4.000000"),
            "{csv}"
        );
        let json: serde_json::Value = serde_json::from_str(&r.json()).unwrap();
        assert_eq!(json["pipeline"]["cycles"], 3_000_000_000u64);
        assert_eq!(json["course"][1]["seconds"], 18.8);
        let other = PipelineReport::new(&estimate(), 210.0, &measured(9, b"other", Ok(0)), b"img");
        assert!(!other.matches_native);
    }
}
