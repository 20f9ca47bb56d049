//! The fast [`super::scan`] against the verbatim old one ([`super::reference`]):
//! on every line and sentence of the sample texts, on every surface of the data
//! files in the spots a number can put it, and on many generated texts.

use super::{reference, scan, Quantity};
use crate::lexicon::{CURRENCIES, PER_UNITS, UNITS};

/// A quantity with its values as bit patterns (so -0.0, NaN and rounding all count).
fn key(q: &Quantity) -> impl PartialEq + std::fmt::Debug {
    (
        q.start,
        q.end,
        q.value.to_bits(),
        q.value_high.map(f64::to_bits),
        q.unit,
        q.kind,
        q.signed,
    )
}

/// Panics, showing both answers, unless both scans agree on `text[from..to]`.
fn check(text: &str, from: usize, to: usize) {
    let got = scan(text, from, to);
    let want = reference::scan(text, from, to);
    let (g, w): (Vec<_>, Vec<_>) = (got.iter().map(key).collect(), want.iter().map(key).collect());
    assert!(
        g == w,
        "scan({text:?}, {from}, {to}) differs\n  new: {got:?}\n  old: {want:?}"
    );
}

fn check_all(text: &str) {
    check(text, 0, text.len());
}

#[test]
fn agrees_on_sample_lines_and_sentences() {
    for t in crate::lexicon::tests::sample_texts() {
        check_all(&t);
        let mut start = 0;
        for line in t.split_inclusive('\n') {
            let end = start + line.len();
            // In its text (context before it visible), and alone.
            check(&t, start, end);
            check_all(line);
            let mut s = start;
            for sentence in line.split_inclusive(". ") {
                check(&t, s, s + sentence.len());
                s += sentence.len();
            }
            start = end;
        }
    }
}

/// Every unit, per-unit and currency surface in the places a number can have it.
#[test]
fn agrees_on_every_surface() {
    let surfaces = UNITS
        .iter()
        .map(|u| u.0)
        .chain(CURRENCIES.iter().map(|c| c.0))
        .chain(PER_UNITS.iter().map(|p| p.0));
    let mut n = 0;
    for s in surfaces {
        let title: String = s
            .char_indices()
            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        let cut = &s[..s.floor_char_boundary(s.len().saturating_sub(1))];
        for v in [s.to_string(), s.to_ascii_uppercase(), title, cut.to_string()] {
            for form in [
                "5{}",
                "5 {}",
                "5\t{}",
                "5  {}",
                "{}5",
                "{} 5",
                "{}-5",
                "{}$5",
                "$5/{}",
                "$5 / {}",
                "5 yuan/{}",
                "5 yuan per {}",
                "$5 a {}",
                "$5 an {}",
                "5 yuan ($1) a {}",
                "5-6 {}",
                "5 {}-6 {}",
                "5 {}-level",
                "5 {}x",
                "5 {}é",
                "5 {}_",
                "5 {}.",
                "5 {}-",
                "5 {}/",
                "5 {}/mt",
                "5 {} per tonne",
                "5 million {}",
                "-5 {}",
                "−5 {}",
                "from 5 {} to 6 {}",
                "between 5 and 6 {}",
                "5%-{}",
                "Mt{}",
                "5 M{}",
                "5 {}s",
            ] {
                let text = form.replace("{}", &v);
                check_all(&text);
                for k in 0..=text.len() {
                    if text.is_char_boundary(k) {
                        check(&text, 0, k);
                        check(&text, k, text.len());
                    }
                }
                n += 1;
            }
        }
    }
    assert!(n > 10_000, "{n} texts");
}

/// xorshift64*: a fixed sequence, so a failure reproduces. `noisy` texts glue
/// more odd characters to their numbers; the others read more like reports.
struct Rng(u64, bool);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }

    /// True `pct` percent of the time.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }

    /// `s` as written, lowercased, uppercased, title-cased or in mixed case.
    fn case(&mut self, s: &str) -> String {
        match self.below(6) {
            0 => s.to_ascii_lowercase(),
            1 => s.to_ascii_uppercase(),
            2 => s
                .char_indices()
                .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                .collect(),
            3 => s
                .chars()
                .map(|c| {
                    if self.chance(50) {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect(),
            _ => s.to_string(),
        }
    }

    fn gap(&mut self) -> &'static str {
        self.pick(&["", " ", " ", " ", "\t", "  ", " \t"])
    }
}

/// A number literal in one of the shapes text has, or one that only looks like one.
fn number(r: &mut Rng) -> String {
    if r.chance(30) {
        return r
            .pick(&[
                "1",
                "12",
                "1,234",
                "1,234,567.89",
                "0.5",
                "2025",
                "12.345.6",
                "1,23",
                "123,4567",
                "1e5",
                "0",
                "00",
                "007",
                "1.",
                "5.0",
                ".5",
                "9007199254740993",
                "12345678901234567890",
                "1,234,56",
                "1,2345",
                "999,999,999,999,999,999",
                "3.58",
                "1.2894",
                "0.01",
                "2.05",
                "43.51",
                "100,000",
                "81,700",
                "0.000000000000000000001",
                "1,000.000001",
                "4.35",
                "1.005",
                "2.675",
                "0.125",
                "123456789012.345678",
            ])
            .to_string();
    }
    let head = match r.below(10) {
        0 => 1 + r.below(25),
        1..=3 => 1 + r.below(2),
        _ => 1 + r.below(4),
    };
    let mut s = r.digits(head);
    if r.chance(30) {
        for _ in 0..1 + r.below(4) {
            let w = match r.below(10) {
                0 => 2,
                1 => 4,
                _ => 3,
            };
            s.push(',');
            s.push_str(&r.digits(w));
        }
    }
    if r.chance(40) {
        s.push('.');
        let w = if r.chance(10) { 1 + r.below(22) } else { 1 + r.below(5) };
        s.push_str(&r.digits(w));
    }
    if r.chance(3) {
        s.push_str(r.pick(&[".", ",", ".5", ",5", "e5", "E-3", "..1"]));
    }
    s
}

fn currency(r: &mut Rng) -> String {
    if r.chance(50) {
        r.pick(&[
            "$", "US$", "¥", "€", "£", "A$", "C$", "USD", "RMB", "VND", "cents", "¢", "yuan",
        ])
        .to_string()
    } else {
        let c = CURRENCIES[r.below(CURRENCIES.len())].0;
        r.case(c)
    }
}

fn unit(r: &mut Rng) -> String {
    let u = UNITS[r.below(UNITS.len())].0;
    r.case(u)
}

/// What may follow a money amount: "/mt", " per tonne", " a metric ton", " ($113.6) a ton".
fn per(r: &mut Rng) -> String {
    let den = if r.chance(70) {
        let p = PER_UNITS[r.below(PER_UNITS.len())].0;
        r.case(p)
    } else {
        r.pick(&["mt", "ton", "tonne", "metric ton", "dmt", "lb", "tons", "x", "é", ""])
            .to_string()
    };
    let lead = r.pick(&[
        "/",
        "/",
        "/ ",
        " /",
        " per ",
        " PER ",
        "per ",
        " a ",
        " an ",
        " A ",
        "a ",
        " ($113.6) a ",
        " (US$5) per ",
        "($1)/",
        " ( $1 )/",
        ") ",
        ")/",
        " (about 5 mt) per ",
        " (ok)/",
        " per",
        "/\t",
    ]);
    format!("{lead}{den}")
}

fn scale(r: &mut Rng) -> String {
    let w = r.pick(&[
        "million", "billion", "trillion", "thousand", "bln", "mln", "bn", "mn", "Million", "MN", "millions",
    ]);
    let w = r.case(w);
    format!("{}{w}", r.pick(&["", " ", " ", "  ", "\t", "   "]))
}

/// One side of an amount: sign, currency, literal, scale.
fn side(r: &mut Rng, text: &mut String) {
    let sign = if r.1 {
        r.pick(&["", "", "", "", "-", "−", "+", "- ", "--"])
    } else {
        r.pick(&["", "", "", "", "-", "−"])
    };
    if r.chance(30) {
        let c = currency(r);
        if r.chance(20) {
            // "$-12.5/dmt"
            text.push_str(&c);
            text.push_str(r.pick(&["-", "−", " -"]));
        } else {
            text.push_str(sign);
            text.push_str(&c);
            text.push_str(r.pick(&["", "", " ", "  ", "\t"]));
        }
    } else {
        text.push_str(sign);
    }
    text.push_str(&number(r));
    if r.chance(20) {
        text.push_str(&scale(r));
    }
}

/// What follows a side: a unit, a currency (perhaps per unit), a percent or nothing.
fn tail(r: &mut Rng, text: &mut String) {
    match r.below(10) {
        0..=3 => {
            text.push_str(r.gap());
            text.push_str(&unit(r));
        }
        4 | 5 => {
            text.push_str(r.gap());
            text.push_str(&currency(r));
            if r.chance(50) {
                text.push_str(&per(r));
            }
        }
        6 => text.push_str(&per(r)),
        7 => text.push_str(r.pick(&["%", "%", " %", " percent", " percentage points", " pp", "％"])),
        // A bracketed unit that may scale the number: "33.85 (10,000 yuan/mt)".
        8 if r.chance(50) => {
            text.push_str(r.pick(&[" (", "(", " ( ", " (("]));
            text.push_str(r.pick(&[
                "10,000", "10000", "100", "1,000", "12", "1", "-10", "$10", "1e4", "10.0",
            ]));
            text.push_str(&unit(r));
            text.push_str(r.pick(&[")", ")", " )", "", "%)"]));
        }
        _ => {}
    }
}

/// One stretch of text around a quantity.
fn item(r: &mut Rng, text: &mut String) {
    if r.chance(15) {
        text.push_str(r.pick(&[
            "from ",
            "between ",
            "From ",
            "BETWEEN ",
            "fell from ",
            "from  ",
            "between  ",
            "rose from\t",
            "from",
            "frombetween ",
            "from\n",
            "a rise from ",
            "is between the ",
            "ranged from ",
            "rose by ",
            "fell by\t",
            "by ",
        ]));
    }
    if r.chance(if r.1 { 15 } else { 3 }) {
        text.push_str(r.pick(&[
            "CR", "Pb", "H", "#", ".", ",", "x", "é", "_", "-", "a-", "−", "(", "$", "中", "Q", "(-", "—", "/",
        ]));
    }
    side(r, text);
    // A range mostly has its unit once, after the second number ("5-6 mt").
    let range = r.chance(if r.1 { 25 } else { 40 });
    if r.chance(match (range, r.1) {
        (true, _) => 25,
        (false, true) => 50,
        (false, false) => 85,
    }) {
        tail(r, text);
    }
    if range {
        text.push_str(r.pick(&[
            "-", " - ", "–", "—", "~", " to ", " and ", " ~ ", "-", "--", " TO ", " – ", " and  ", "to", "  -", "- ",
            " And ",
        ]));
        side(r, text);
        if r.chance(80) {
            tail(r, text);
        }
    }
    if r.chance(if r.1 { 25 } else { 8 }) {
        text.push_str(r.pick(&[
            "-series", "-level", "s", "é", ".", ",", ")", " MoM", "-", "-1", "/", "x", "_", " YoY", "中", "’s", "-$",
            "/5", "%", "-5%", " mt", "-Mt",
        ]));
    }
}

/// Characters that matter to the scan, thrown together.
fn soup(r: &mut Rng, text: &mut String) {
    const BITS: &[&str] = &[
        "0", "1", "5", "9", ".", ",", "-", "$", " ", "%", "/", "m", "t", "M", "T", "k", "a", "y", "p", "e", "r", "(",
        ")", "~", "–", "—", "−", "¥", "€", "£", "é", "U", "S", "D", "\t", "n", "d", "o", "s", "b", "_", "#",
    ];
    for _ in 0..1 + r.below(30) {
        text.push_str(r.pick(BITS));
    }
}

fn generated(r: &mut Rng) -> String {
    let mut text = String::new();
    r.1 = r.chance(50);
    if r.1 && r.chance(20) {
        soup(r, &mut text);
        return text;
    }
    for k in 0..1 + r.below(5) {
        if !r.1 && k > 0 {
            text.push_str(r.pick(&[" ", ", ", ". ", " and ", " was ", " at ", "; ", "\n", " to "]));
        } else if k > 0 || r.chance(30) {
            text.push_str(r.pick(&[
                " ", ", ", ". ", " and ", "\n", " (", ") ", " to ", "-", " from ", "é ", "中文", "; ", " at ", "",
                " was ", " a ", " per ", "/",
            ]));
        }
        if r.1 && r.chance(10) {
            soup(r, &mut text);
        } else {
            item(r, &mut text);
        }
    }
    text
}

/// A char boundary of `t` picked at random.
fn boundary(r: &mut Rng, t: &str) -> usize {
    t.floor_char_boundary(r.below(t.len() + 1))
}

/// How many generated texts [`agrees_on_generated_text`] compares.
const GENERATED: usize = 200_000;

#[test]
fn agrees_on_generated_text() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15, false);
    let (mut quantities, mut ranges, mut per_unit) = (0, 0, 0);
    for _ in 0..GENERATED {
        let t = generated(&mut r);
        check_all(&t);
        for q in reference::scan(&t, 0, t.len()) {
            quantities += 1;
            ranges += usize::from(q.value_high.is_some());
            per_unit += usize::from(q.kind == super::QKind::MoneyPerUnit);
        }
        for _ in 0..2 {
            let (a, b) = (boundary(&mut r, &t), boundary(&mut r, &t));
            check(&t, a.min(b), a.max(b));
        }
    }
    eprintln!("{GENERATED} texts: {quantities} quantities, {ranges} ranges, {per_unit} per unit");
    // The generator must make mostly quantities, not noise.
    assert!(
        quantities > GENERATED * 3 / 4 && ranges > GENERATED / 20 && per_unit > GENERATED / 20,
        "{quantities} quantities, {ranges} ranges, {per_unit} per unit"
    );
}
