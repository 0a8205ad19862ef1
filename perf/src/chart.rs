//! The bench as a picture (SVG, plotters): one horizontal bar per column,
//! its length the median wall time on a logarithmic axis (the columns
//! span two orders of magnitude), labelled with the time and how many
//! times faster or slower it ran than the first column.

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

/// The chart of `report` as an SVG document.
pub fn svg(report: &Report) -> Result<String, String> {
    let mut out = String::new();
    let rows = report.columns.len().max(1);
    let height = 110 + 56 * rows as u32;
    {
        let root = SVGBackend::with_string(&mut out, (760, height)).into_drawing_area();
        draw(report, &root).map_err(|e| format!("cannot draw the chart: {e}"))?;
        root.present()
            .map_err(|e| format!("cannot draw the chart: {e}"))?;
    }
    Ok(out)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn draw(report: &Report, root: &Area) -> Result<(), Box<dyn std::error::Error>> {
    root.fill(&WHITE)?;
    let cols = &report.columns;
    let slowest = cols.iter().map(|c| c.wall_s).fold(1e-3, f64::max);
    let fastest = cols
        .iter()
        .map(|c| c.wall_s)
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
        .y_label_area_size(70)
        .build_cartesian_2d(
            (fastest / 2.0..slowest * 6.0).log_scale(),
            0.0..cols.len() as f64,
        )?;
    let names: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(cols.len() * 2 + 1)
        .y_label_formatter(&|y| {
            let i = y.floor() as usize;
            // Labels only at the middle of each bar's band.
            if (y - y.floor() - 0.5).abs() < 1e-6 {
                names
                    .get(cols.len() - 1 - i.min(cols.len() - 1))
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_desc("seconds (log scale)")
        .x_label_formatter(&|x| format!("{x}"))
        .label_style(("sans-serif", 14))
        .draw()?;
    let base = cols.first();
    let mut engine = 0;
    for (i, c) in cols.iter().enumerate() {
        let colour = match c.name.as_str() {
            "native" => NATIVE_COLOUR,
            "qemu" => QEMU_COLOUR,
            _ => {
                engine += 1;
                ENGINE_COLOURS[(engine - 1) % ENGINE_COLOURS.len()]
            }
        };
        let y = (cols.len() - 1 - i) as f64;
        chart.draw_series([Rectangle::new(
            [
                (fastest / 2.0, y + 0.2),
                (c.wall_s.max(fastest / 2.0), y + 0.8),
            ],
            colour.filled(),
        )])?;
        let ratio = match base {
            Some(b) if i > 0 => {
                let s = Report::speed(c, b);
                if s >= 1.0 {
                    format!(" · {s:.1}× faster than {}", b.name)
                } else {
                    format!(" · {:.1}× slower than {}", 1.0 / s, b.name)
                }
            }
            _ => String::new(),
        };
        let flag = if c.matches_native {
            ""
        } else {
            " · output differs"
        };
        chart.draw_series([Text::new(
            format!("{:.3} s{ratio}{flag}", c.wall_s),
            (c.wall_s.max(fastest / 2.0) * 1.08, y + 0.62),
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
