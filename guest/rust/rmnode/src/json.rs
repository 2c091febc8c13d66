//! A small JSON reader for params and frame meta: enough to read numbers,
//! strings, booleans, arrays and objects, with no dependency.

/// A parsed JSON value. Numbers are f64, as the host writes them.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// Parses one JSON value that fills all of `text` (surrounding spaces allowed).
    pub fn parse(text: &[u8]) -> Result<Value, String> {
        let mut p = Parser { s: text, i: 0 };
        let v = p.value(0)?;
        p.space();
        if p.i != text.len() {
            return Err(format!("json: unexpected byte at offset {}", p.i));
        }
        Ok(v)
    }

    /// The member `key` of an object, or None.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Nesting deeper than this is refused, so hostile params cannot overflow
/// the guest's stack.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn space(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("json: {} at offset {}", what, self.i))
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return self.err("nested too deeply");
        }
        self.space();
        match self.s.get(self.i) {
            None => self.err("unexpected end"),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') if self.eat(b"true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat(b"false") => Ok(Value::Bool(false)),
            Some(b'n') if self.eat(b"null") => Ok(Value::Null),
            Some(_) => self.number(),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.i += 1;
        let mut members = Vec::new();
        self.space();
        if self.eat(b"}") {
            return Ok(Value::Object(members));
        }
        loop {
            self.space();
            if self.s.get(self.i) != Some(&b'"') {
                return self.err("expected a key");
            }
            let key = self.string()?;
            self.space();
            if !self.eat(b":") {
                return self.err("expected ':'");
            }
            members.push((key, self.value(depth + 1)?));
            self.space();
            if self.eat(b"}") {
                return Ok(Value::Object(members));
            }
            if !self.eat(b",") {
                return self.err("expected ',' or '}'");
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.i += 1;
        let mut items = Vec::new();
        self.space();
        if self.eat(b"]") {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.space();
            if self.eat(b"]") {
                return Ok(Value::Array(items));
            }
            if !self.eat(b",") {
                return self.err("expected ',' or ']'");
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let c = match self.s.get(self.i) {
                Some(c) => *c,
                None => return self.err("unterminated string"),
            };
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).or_else(|_| self.err("string is not UTF-8")),
                b'\\' => {
                    let e = match self.s.get(self.i) {
                        Some(e) => *e,
                        None => return self.err("unterminated string"),
                    };
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return self.err("bad escape"),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                c if c < 0x20 => return self.err("control character in string"),
                c => out.push(c),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = match self.s.get(self.i..self.i + 4) {
            Some(d) => d,
            None => return self.err("short \\u escape"),
        };
        let text = core::str::from_utf8(digits).map_err(|_| String::from("json: bad \\u escape"))?;
        let v = u32::from_str_radix(text, 16).or_else(|_| self.err("bad \\u escape"))?;
        self.i += 4;
        Ok(v)
    }

    fn unicode_escape(&mut self) -> Result<char, String> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.eat(b"\\u") {
                return self.err("lone surrogate");
            }
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return self.err("lone surrogate");
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.err("lone surrogate"),
        }
    }

    fn number(&mut self) -> Result<Value, String> {
        let start = self.i;
        while self.i < self.s.len() && matches!(self.s[self.i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
            self.i += 1;
        }
        let text = core::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        // Rust's parser is laxer than JSON's grammar ("+1", ".5", "1."), which
        // only matters for text the host did not write.
        match text.parse::<f64>() {
            Ok(n) if !text.is_empty() && n.is_finite() => Ok(Value::Number(n)),
            _ => {
                self.i = start;
                self.err("expected a value")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Value;

    #[test]
    fn parses_params() {
        let v = Value::parse(br#" {"gain": -0.5, "taps": [1, 2.5e-1], "name": "a\u00e9\n", "on": true, "x": null} "#).unwrap();
        assert_eq!(v.get("gain").and_then(Value::as_f64), Some(-0.5));
        let taps: Vec<f64> = v.get("taps").and_then(Value::as_array).unwrap().iter().filter_map(Value::as_f64).collect();
        assert_eq!(taps, vec![1.0, 0.25]);
        assert_eq!(v.get("name").and_then(Value::as_str), Some("a\u{e9}\n"));
        assert_eq!(v.get("on"), Some(&Value::Bool(true)));
        assert_eq!(v.get("x"), Some(&Value::Null));
        assert_eq!(v.get("missing"), None);
    }

    #[test]
    fn parses_surrogate_pairs() {
        assert_eq!(Value::parse(br#""\ud83d\ude00""#).unwrap(), Value::String("\u{1F600}".into()));
    }

    #[test]
    fn refuses_bad_json() {
        for (text, want) in [
            (&b"{"[..], "json: expected a key at offset 1"),
            (b"[1,]", "json: expected a value at offset 3"),
            (b"{\"a\" 1}", "json: expected ':' at offset 5"),
            (b"1 2", "json: unexpected byte at offset 2"),
            (b"\"\\ud800\"", "json: lone surrogate at offset 7"),
            (b"1e999", "json: expected a value at offset 0"),
        ] {
            assert_eq!(Value::parse(text).unwrap_err(), want, "{:?}", core::str::from_utf8(text));
        }
        let deep = "[".repeat(100);
        assert!(Value::parse(deep.as_bytes()).unwrap_err().contains("nested too deeply"));
    }
}
