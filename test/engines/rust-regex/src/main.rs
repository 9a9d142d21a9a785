// Harness for the engines of Vector's VRL: the regex crate (parse_regex) and chrono (parse_timestamp).
//   check-rust        the pylogrx engine protocol (see test/engines/pcre2.c): stdin is the regex line, then
//                     one subject per line; stdout one line per subject, `-` for no match, else groups
//                     1..N as `:hex` of their UTF-8 bytes (`:~` if unset). Exit status 2: no compile.
//   check-rust hex    the same, every line (regex and subjects) hex-encoded, so newlines can be carried.
//   check-rust chrono stdin lines are pairs format, value (hex); stdout `ok <time>` (with its offset where the format has a zone) or `err <why>`.
use std::io::{Read, Write};

fn unhex(s: &str) -> String {
    let bytes: Vec<u8> = (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect();
    String::from_utf8(bytes).expect("UTF-8")
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin is UTF-8");
    let mut lines: Vec<String> = input.split('\n').map(|l| l.to_string()).collect();
    lines.pop();
    if mode == "hex" || mode == "chrono" {
        lines = lines.iter().map(|l| unhex(l)).collect();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if mode == "chrono" {
        for pair in lines.chunks(2) {
            let (format, value) = (&pair[0], &pair[1]);
            // As VRL's Conversion (src/compiler/conversion/mod.rs): a format with a zone is read with
            // its offset (DateTime::parse_from_str), any other as a naive time in the remap's zone.
            let zoned = ["%Z", "%z", "%:z", "%#z", "%+"].iter().any(|z| format.contains(z));
            let answer = if zoned {
                chrono::DateTime::parse_from_str(value, format).map(|t| t.format("%Y-%m-%dT%H:%M:%S%.f%:z").to_string())
            } else {
                chrono::NaiveDateTime::parse_from_str(value, format).map(|t| t.format("%Y-%m-%dT%H:%M:%S%.f").to_string())
            };
            match answer {
                Ok(t) => writeln!(out, "ok {}", t).unwrap(),
                Err(e) => writeln!(out, "err {}", e).unwrap(),
            }
        }
        return;
    }
    if lines.is_empty() {
        eprintln!("no regex line");
        std::process::exit(2);
    }
    let re = match regex::Regex::new(&lines[0]) {
        Ok(re) => re,
        Err(e) => {
            eprintln!("{}", e);
            std::process::exit(2);
        }
    };
    for s in &lines[1..] {
        match re.captures(s) {
            None => writeln!(out, "-").unwrap(),
            Some(caps) => {
                let groups: Vec<String> = (1..caps.len())
                    .map(|g| match caps.get(g) {
                        None => ":~".to_string(),
                        Some(m) => format!(":{}", m.as_str().bytes().map(|b| format!("{:02x}", b)).collect::<String>()),
                    })
                    .collect();
                writeln!(out, "{}", groups.join(" ")).unwrap();
            }
        }
    }
}
