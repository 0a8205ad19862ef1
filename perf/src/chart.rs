//! The bench as a picture (SVG, plotters): one horizontal bar per column,
//! its length the median wall time on a logarithmic axis (the columns
//! span two orders of magnitude), labelled with the time and how many
//! times faster or slower it ran than the first column; with the pipeline
//! model, a bar for its estimate and one per figure of the course's CPU.

use plotters::prelude::*;

use crate::report::Report;

/// Bar colours, by column kind; engines take the first ones in turn.
const ENGINE_COLOURS: [RGBColor; 3] = [
    RGBColor(0x4c, 0x72, 0xb0),
    RGBColor(0x8c, 0x56, 0x9b),
    RGBColor(0x2a, 0x9d, 0x8f),
];
const NATIVE_COLOUR: RGBColor = RGBColor(0x55, 0xa8, 0x68);
const QEMU_COLOUR: RGBColor = RGBColor(0xdd, 0x84, 0x52);
const ESTIMATE_COLOUR: RGBColor = RGBColor(0xc4, 0x4e, 0x52);
const COURSE_COLOUR: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// One bar: its name, length and colour, and what its label adds after the
/// time.
struct Bar {
    name: String,
    seconds: f64,
    colour: RGBColor,
    note: String,
}

/// The bars of `report`, top to bottom.
fn bars(report: &Report) -> Vec<Bar> {
    let base = report.columns.first();
    let than_base = |seconds: f64| match base {
        Some(b) if b.wall_s >= seconds => {
            format!(
                " · {:.1}× faster than {}",
                b.wall_s / seconds.max(1e-9),
                b.name
            )
        }
        Some(b) => format!(
            " · {:.1}× slower than {}",
            seconds / b.wall_s.max(1e-9),
            b.name
        ),
        None => String::new(),
    };
    let mut engine = 0;
    let mut out: Vec<Bar> = report
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let colour = match c.name.as_str() {
                "native" => NATIVE_COLOUR,
                "qemu" => QEMU_COLOUR,
                _ => {
                    engine += 1;
                    ENGINE_COLOURS[(engine - 1) % ENGINE_COLOURS.len()]
                }
            };
            let ratio = if i > 0 {
                than_base(c.wall_s)
            } else {
                String::new()
            };
            let flag = if c.matches_native {
                ""
            } else {
                " · output differs"
            };
            Bar {
                name: c.name.clone(),
                seconds: c.wall_s,
                colour,
                note: format!("{ratio}{flag}"),
            }
        })
        .collect();
    if let Some(p) = &report.pipeline {
        out.push(Bar {
            name: p.name(),
            seconds: p.seconds,
            colour: ESTIMATE_COLOUR,
            note: format!(" (model's estimate){}", than_base(p.seconds)),
        });
    }
    out.extend(report.course.iter().map(|c| Bar {
        name: c.name.clone(),
        seconds: c.seconds,
        colour: COURSE_COLOUR,
        note: " (course CPU, contest.sld 128x128)".into(),
    }));
    out
}

/// The chart of `report` as an SVG document.
pub fn svg(report: &Report) -> Result<String, String> {
    let bars = bars(report);
    let mut out = String::new();
    let height = 110 + 56 * bars.len().max(1) as u32;
    {
        let root = SVGBackend::with_string(&mut out, (820, height)).into_drawing_area();
        draw(report, &bars, &root).map_err(|e| format!("cannot draw the chart: {e}"))?;
        root.present()
            .map_err(|e| format!("cannot draw the chart: {e}"))?;
    }
    Ok(out)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn draw(report: &Report, bars: &[Bar], root: &Area) -> Result<(), Box<dyn std::error::Error>> {
    root.fill(&WHITE)?;
    let slowest = bars.iter().map(|b| b.seconds).fold(1e-3, f64::max);
    let fastest = bars
        .iter()
        .map(|b| b.seconds)
        .fold(slowest, f64::min)
        .max(1e-4);
    let runs = match report.runs {
        1 => String::new(),
        n => format!(", median of {n} runs"),
    };
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("{}: wall time{runs}", report.workload),
            ("sans-serif", 20),
        )
        .margin(14)
        .x_label_area_size(36)
        .y_label_area_size(120)
        .build_cartesian_2d(
            (fastest / 2.0..slowest * 6.0).log_scale(),
            0.0..bars.len() as f64,
        )?;
    let names: Vec<&str> = bars.iter().map(|b| b.name.as_str()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(bars.len() * 2 + 1)
        .y_label_formatter(&|y| {
            let i = y.floor() as usize;
            // Labels only at the middle of each bar's band.
            if (y - y.floor() - 0.5).abs() < 1e-6 {
                names
                    .get(names.len() - 1 - i.min(names.len() - 1))
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_desc("seconds (log scale)")
        .x_label_formatter(&|x| format!("{x}"))
        .label_style(("sans-serif", 14))
        .draw()?;
    for (i, bar) in bars.iter().enumerate() {
        let y = (bars.len() - 1 - i) as f64;
        let end = bar.seconds.max(fastest / 2.0);
        chart.draw_series([Rectangle::new(
            [(fastest / 2.0, y + 0.2), (end, y + 0.8)],
            bar.colour.filled(),
        )])?;
        chart.draw_series([Text::new(
            format!("{:.3} s{}", bar.seconds, bar.note),
            (end * 1.08, y + 0.62),
            ("sans-serif", 14).into_font(),
        )])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_bar_and_a_label_per_column() {
        let svg = svg(&crate::report::tests::sample()).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("min-rt spheres.sld 16x16 f32: wall time, median of 3 runs"));
        assert!(svg.contains("4.0× faster than interp"), "{svg}");
        assert!(svg.contains("2.0× faster than interp"));
        assert!(svg.contains("· output differs"));
        for name in ["\ninterp\n", "\nnative\n", "\nqemu\n"] {
            assert!(svg.contains(name), "{name} in {svg}");
        }
    }
}
