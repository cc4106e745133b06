//! The HTML report in a real browser: at a phone's width (412 px) headless
//! Chromium lays out the verdict's SVG spectrum and a visible, coloured bar
//! for every scored dimension, and nothing runs off the side.
//!
//! Needs Chromium, so it is ignored in a normal run (CI does not depend on
//! it). Run it with `scripts/check-html.sh`, which skips with a reason when
//! no Chromium is installed, or `cargo test --bin mommytrack browser:: -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::answers;
use crate::bank::{self, BankSource};
use crate::compare::Comparison;
use crate::export::{self, Format, RenderOptions};
use crate::result::{self, AssessmentResult};
use crate::scoring::Mode;

const BROWSERS: [&str; 4] = ["chromium", "chromium-browser", "google-chrome", "chrome"];

fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| BROWSERS.iter().map(move |b| dir.join(b)))
        .find(|p| p.is_file())
}

fn persona(bank_dir: Option<&Path>, answers_file: &Path) -> AssessmentResult {
    let bank = bank::load(&BankSource::from_option(bank_dir))
        .expect("the bank loads")
        .0;
    let text = std::fs::read_to_string(answers_file).expect("answers exist");
    let sheet = answers::parse(&bank, &text, answers_file).expect("valid answers");
    result::assess(&bank, &sheet, Mode::Full).0
}

/// Sizes the browser measured, in CSS pixels.
#[derive(Debug, serde::Deserialize)]
struct Layout {
    /// The frame's width and the page's scroll width.
    vw: f64,
    scroll: f64,
    /// The spectrum's width; 0 without one.
    svg: f64,
    /// Every bar: its track's width and height, and its fill's width.
    bars: Vec<(f64, f64, f64)>,
}

/// Lays `page` out in a 412 px frame and measures it. The page goes in an
/// `srcdoc` frame, so its own Content Security Policy stays in force.
fn measure(chromium: &Path, page: &str) -> Layout {
    let escaped = page
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let wrapper = format!(
        r#"<!DOCTYPE html><html><body><iframe id="f" style="width:412px;height:3000px;border:0" srcdoc="{escaped}"></iframe>
<script>
const f = document.getElementById('f');
f.addEventListener('load', () => {{
  const d = f.contentDocument, w = f.contentWindow;
  const svg = d.querySelector('.spectrum svg');
  const r = {{ vw: w.innerWidth, scroll: d.documentElement.scrollWidth,
    svg: svg ? svg.getBoundingClientRect().width : 0,
    bars: [...d.querySelectorAll('.bar')].map(e => {{
      const b = e.getBoundingClientRect(), s = e.firstElementChild;
      return [b.width, b.height, s ? s.getBoundingClientRect().width : 0];
    }}) }};
  document.body.setAttribute('data-check', JSON.stringify(r));
}});
</script></body></html>"#
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("check.html");
    std::fs::write(&file, wrapper).expect("write");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("Chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("data-check=\"")
        .unwrap_or_else(|| panic!("no measurement in the DOM:\n{dom}"))
        + "data-check=\"".len();
    let end = start + dom[start..].find('"').expect("attribute ends");
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("the measurement is JSON")
}

fn chromium_or_fail() -> PathBuf {
    browser().expect(
        "no Chromium on PATH: install it (apt-get install chromium) or run scripts/check-html.sh, which skips without it",
    )
}

#[test]
#[ignore = "needs headless Chromium; run scripts/check-html.sh"]
fn html_report_shows_the_spectrum_and_bars_on_a_phone() {
    let chromium = chromium_or_fail();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = persona(
        None,
        &root.join("tests/personas/returning_after_leave_mixed.answers.yaml"),
    );
    let page =
        export::render_report(&r, Format::Html, &RenderOptions::default(), false).expect("renders");
    let layout = measure(&chromium, &page);
    assert_eq!(layout.vw, 412.0, "{layout:?}");
    assert!(
        layout.scroll <= 412.0,
        "nothing runs off the side: {layout:?}"
    );
    assert!(
        layout.svg > 300.0,
        "the spectrum spans the page: {layout:?}"
    );
    let scored = r.dimensions.iter().filter(|d| d.score.is_some()).count();
    assert_eq!(layout.bars.len(), scored, "one bar per scored dimension");
    for ((track, height, fill), d) in layout
        .bars
        .iter()
        .zip(r.dimensions.iter().filter_map(|d| d.score))
    {
        assert!(*track >= 40.0 && *height >= 6.0, "visible: {layout:?}");
        let expected = track * d / 100.0;
        assert!(
            (fill - expected).abs() < 2.0,
            "fill {fill} for {d}: {layout:?}"
        );
    }
}

#[test]
#[ignore = "needs headless Chromium; run scripts/check-html.sh"]
fn html_comparison_chart_shows_on_a_phone() {
    let chromium = chromium_or_fail();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = |name: &str| {
        persona(
            None,
            &root.join(format!("tests/personas/{name}.answers.yaml")),
        )
    };
    let c = Comparison::new(
        &p("returning_after_leave_mixed"),
        &p("unequal_home_load"),
        "Sam",
        "Alex",
    );
    let page = export::render_comparison(&c, Format::Html, &RenderOptions::default(), false);
    let layout = measure(&chromium, &page);
    assert!(layout.scroll <= 412.0, "{layout:?}");
    assert!(!layout.bars.is_empty());
    assert!(
        layout.bars.iter().all(|(w, h, _)| *w >= 40.0 && *h >= 4.0),
        "{layout:?}"
    );
}
