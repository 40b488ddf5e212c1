use std::io::Read;
fn main() {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).unwrap();
    for c in factcheck::extract::extract(&s, factcheck::extract::Format::Plain) {
        println!("{}:{} [{}] value={} low={:?} high={:?} unit={:?} {} {} {:?}", c.line, c.column, c.text, c.value, c.low, c.high, c.unit, c.kind, c.bound, c.trend);
    }
}
