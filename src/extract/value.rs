//! Exact decimal values: computed from the digits as written, and turned into `f64` once, so
//! "$4.1m" is 4100000 and "0.3%" is 0.3 in every output.

pub use rust_decimal::Decimal;

/// A whole number as a decimal.
pub fn int(n: i64) -> Decimal {
    Decimal::from(n)
}

/// Ten to the power `k`, when a decimal holds it (`k` ≤ 28).
pub fn pow10(k: u32) -> Option<Decimal> {
    (k <= 28).then(|| Decimal::from_i128_with_scale(10i128.pow(k), 0))
}

/// `value` × 10^`power`; `None` when the result is too large to hold.
pub fn shift(value: Decimal, power: i32) -> Option<Decimal> {
    let factor = pow10(power.unsigned_abs())?;
    if power >= 0 {
        value.checked_mul(factor)
    } else {
        value.checked_div(factor)
    }
}

/// Reads digits with an optional decimal point, ignoring group separators ("10,000",
/// "84 906", ".08"); `None` when there are too many digits to hold.
pub fn parse_digits(written: &str) -> Option<Decimal> {
    // Plain digits, the common case, need no copy.
    if written.len() <= 18 && written.bytes().all(|b| b.is_ascii_digit()) {
        let whole = written
            .bytes()
            .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        return (!written.is_empty()).then(|| int(whole));
    }
    let mut cleaned = String::with_capacity(written.len() + 1);
    for c in written.chars() {
        if c.is_ascii_digit() || c == '.' {
            if c == '.' && cleaned.is_empty() {
                cleaned.push('0');
            }
            cleaned.push(c);
        }
    }
    cleaned.parse().ok()
}

/// The `f64` nearest the exact value: printed with Rust's shortest round-trip formatting it
/// reads as the decimal written ("4100000", "0.3").
pub fn to_f64(value: Decimal) -> f64 {
    // A mantissa and a power of ten both exact as `f64` give the nearest `f64` in one
    // correctly rounded division, as parsing the printed decimal would.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mantissa = value.mantissa().unsigned_abs();
    match POW10.get(value.scale() as usize) {
        Some(power) if mantissa < 1 << 53 => {
            let magnitude = mantissa as f64 / power;
            if value.is_sign_negative() {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => value.to_string().parse().unwrap_or(0.0),
    }
}

/// Halfway between two values ("between 3 and 5" is 4).
pub fn midpoint(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b)
        .and_then(|s| s.checked_div(int(2)))
        .unwrap_or(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_decimals_carry_no_binary_noise() {
        let four_point_one = parse_digits("4.1").unwrap();
        let millions = four_point_one * pow10(6).unwrap();
        assert_eq!(to_f64(millions).to_string(), "4100000");
        assert_eq!(to_f64(parse_digits("0.3").unwrap()).to_string(), "0.3");
        assert_eq!(to_f64(parse_digits(".08").unwrap()).to_string(), "0.08");
        assert_eq!(
            to_f64(shift(parse_digits("1.13").unwrap(), 9).unwrap()).to_string(),
            "1130000000"
        );
        assert_eq!(to_f64(parse_digits("84 906").unwrap()), 84906.0);
    }

    #[test]
    fn values_convert_as_their_printed_decimals_parse() {
        let mut values = vec![Decimal::ZERO, -Decimal::ZERO, Decimal::MAX, Decimal::MIN];
        for (mantissa, scale) in [
            (1, 0),
            (3, 1),
            (-41, 1),
            (1, 28),
            (123_456_789, 22),
            (123_456_789, 23),
            ((1 << 53) - 1, 5),
            (1 << 53, 5),
            (-(1 << 53) - 1, 0),
            (7_777_777_777_777_777, 9),
        ] {
            values.push(Decimal::from_i128_with_scale(mantissa, scale));
        }
        for k in 0..2000i64 {
            values.push(Decimal::new(k * 7919 + k * k * 104_729, (k % 29) as u32));
        }
        for v in values {
            let parsed: f64 = v.to_string().parse().unwrap();
            assert_eq!(to_f64(v).to_bits(), parsed.to_bits(), "{v}");
        }
    }

    #[test]
    fn values_too_large_to_hold_are_refused() {
        assert!(shift(int(1), 999).is_none());
        assert!(parse_digits(&"9".repeat(400)).is_none());
    }
}
