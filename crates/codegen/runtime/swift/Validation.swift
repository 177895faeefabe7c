// Validation of callback payloads: every violation at once, each with its JSON pointer and rule.
//
// The rules are those of every target: wrong JSON types, missing required fields, strings longer
// than `maxLength` (counted in Unicode scalars) and pattern mismatches are errors; unknown
// enumeration values and failed cross-field checks are warnings; unknown keys are accepted;
// `null` in an optional field counts as absent. Nothing here traps.

import Foundation

/// How bad an issue is.
public enum Severity: String, Hashable, Sendable, Codable {
    /// The payload breaks the spec.
    case error
    /// The payload is allowed but suspicious (an unknown value, inconsistent fields).
    case warning
}

/// One violation.
public struct Issue: Hashable, Sendable, CustomStringConvertible {
    /// JSON pointer (RFC 6901) of the offending value; `""` is the whole payload.
    public let path: String
    /// Short stable rule name: `type`, `required`, `max_length`, `pattern`, `unknown_value`, or a
    /// cross-field rule of the spec.
    public let rule: String
    public let severity: Severity
    public let message: String

    public var description: String {
        let shown = path.isEmpty ? "(root)" : path
        return severity.rawValue + ": " + shown + ": " + message + " [" + rule + "]"
    }
}

/// Every issue found in one payload, in document order.
public struct ValidationReport: Hashable, Sendable {
    public var issues: [Issue]

    public init(issues: [Issue] = []) {
        self.issues = issues
    }

    public var errors: [Issue] {
        return issues.filter { $0.severity == .error }
    }

    public var warnings: [Issue] {
        return issues.filter { $0.severity == .warning }
    }

    /// No errors (warnings allowed).
    public var isValid: Bool {
        return errors.isEmpty
    }

    /// Neither errors nor warnings.
    public var isClean: Bool {
        return issues.isEmpty
    }
}

/// An object type's fields and checks, as generated from the spec.
public struct ObjectSchema: Sendable {
    public let name: String
    /// Sorted by wire name.
    public let fields: [FieldSchema]
    public let checks: [CheckSchema]

    /// The field with this wire name.
    public func field(named name: String) -> FieldSchema? {
        return fields.first { $0.name == name }
    }
}

/// A field of an object type.
public struct FieldSchema: Sendable {
    /// Wire name.
    public let name: String
    public let required: Bool
    public let kind: FieldKind
    /// In Unicode scalars.
    public let maxLength: Int?
    public let pattern: Pattern?
    /// Values are left out of messages and descriptions.
    public let sensitive: Bool
}

/// What a field holds.
public indirect enum FieldKind: Sendable {
    case string
    case anyValue
    case enumeration(EnumSchema)
    case object(ObjectSchema)
}

/// The known values of an open enumeration.
public struct EnumSchema: Sendable {
    public let name: String
    public let values: Set<String>
    /// The outcome of each value that has one.
    public let outcomes: [String: Outcome]
}

/// A pattern of the spec's portable subset (anchored with `^...$`).
public struct Pattern: Sendable {
    public let source: String
    /// What the pattern requires, in words.
    public let format: String

    /// Whether the whole of `value` matches, with ECMAScript's reading of `$`.
    ///
    /// ICU's `$` also matches before a final line break, so the pattern is followed by `\z` (the
    /// very end of the input) and the match must cover the whole string.
    public func matches(_ value: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "(?:" + source + ")\\z", options: []) else {
            return false
        }
        let whole = NSRange(value.startIndex..<value.endIndex, in: value)
        guard let match = regex.firstMatch(in: value, options: [], range: whole) else {
            return false
        }
        return match.range.location == whole.location && match.range.length == whole.length
    }
}

/// A cross-field consistency check; a failure is a warning.
public struct CheckSchema: Sendable {
    public let rule: String
    public let kind: CheckKind
    /// Field paths, as wire-name segments from the object.
    public let fields: [[String]]
    public let message: String
}

public enum CheckKind: Sendable {
    /// The first field equals the end of the second where that end is all digits.
    case digitsSuffix
    /// Known values of the fields that carry an outcome agree on it.
    case sameOutcome
}

/// Validates `value` as an instance of `schema`.
public func validate(_ value: JSONValue, as schema: ObjectSchema) -> ValidationReport {
    var walker = ValidationReport.Walker()
    walker.object(schema, value)
    return ValidationReport(issues: walker.issues)
}

/// Validates a decoded object's JSON as `schema`; what every generated type's `validate()` calls.
func _validate(_ object: [String: JSONValue], as schema: ObjectSchema) -> ValidationReport {
    return validate(.object(object), as: schema)
}

/// `object` as `schema` describes it, safe to log: the value of every sensitive field (nested
/// objects' included, whatever its JSON type) is `"<redacted>"`, and every other string and every
/// key has its card numbers masked (`maskCardNumbers(_:)`); what every generated type's
/// `redactedJSON()` calls. Two keys that mask to the same text keep one of their values.
func _redacted(_ object: [String: JSONValue], as schema: ObjectSchema) -> JSONValue {
    var out: [String: JSONValue] = [:]
    for (key, value) in object {
        let field = schema.field(named: key)
        if field?.sensitive == true {
            out[maskCardNumbers(key)] = .string("<redacted>")
        } else if let field = field, case .object(let inner) = field.kind, case .object(let nested) = value {
            out[maskCardNumbers(key)] = _redacted(nested, as: inner)
        } else {
            out[maskCardNumbers(key)] = masked(value)
        }
    }
    return .object(out)
}

/// `value` with the card numbers of every string and every key in it masked.
private func masked(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text):
        return .string(maskCardNumbers(text))
    case .array(let items):
        return .array(items.map(masked))
    case .object(let object):
        var out: [String: JSONValue] = [:]
        for (key, item) in object {
            out[maskCardNumbers(key)] = masked(item)
        }
        return .object(out)
    default:
        return value
    }
}

/// Text that is not exactly one JSON value: `message` is what every runtime of this package says,
/// `invalid JSON at line L, column C: WHAT` (see `jsonSyntaxError(_:)`).
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public var description: String {
        return message
    }
}

/// Whether `text` is empty or only JSON whitespace (space, tab, line feed, carriage return).
func isBlank(_ text: String) -> Bool {
    return text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
}

/// The limit of nesting of every runtime: an array or object inside 128 others is not JSON.
public let maxJSONDepth = 128

/// Where `text` stops being exactly one JSON value, as every runtime of this package words it:
/// `invalid JSON at line L, column C: WHAT`, line and column from 1, the column in Unicode scalars,
/// lines ending at `\n` only, at the first offending character (the end of the text when it ends
/// too soon); `nil` when it is JSON. Beyond RFC 8259, a text that starts with a byte-order mark
/// (`byte-order mark`), a `\u` escape of half a surrogate pair (`lone surrogate`, at its
/// backslash) and nesting deeper than `maxJSONDepth` are not JSON. `WHAT` is one of:
/// `unexpected end of input`, `expected a value`, `invalid literal`, `expected a string key`,
/// `expected ':'`, `expected ',' or '}'`, `expected ',' or ']'`, `invalid escape`,
/// `invalid \u escape`, `lone surrogate`, `control character in a string`, `invalid number`,
/// `trailing characters after the value`, `nested deeper than 128 levels`, `byte-order mark`.
public func jsonSyntaxError(_ text: String) -> String? {
    var scanner = SyntaxScanner(scalars: Array(text.unicodeScalars))
    guard let (at, what) = scanner.firstError() else {
        return nil
    }
    var line = 1
    var column = 1
    for scalar in scanner.scalars[..<at] {
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }
    return "invalid JSON at line \(line), column \(column): " + what
}

/// The scanner of `jsonSyntaxError(_:)`: the grammar of every runtime, over Unicode scalars.
private struct SyntaxScanner {
    let scalars: [Unicode.Scalar]
    var i = 0

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Where the first error is and what it is; `nil` for JSON.
    mutating func firstError() -> (Int, String)? {
        if scalars.first == "\u{FEFF}" {
            return (0, "byte-order mark")
        }
        if let error = value(depth: 0) {
            return error
        }
        space()
        return i < scalars.count ? (i, "trailing characters after the value") : nil
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        return i + offset < scalars.count ? scalars[i + offset] : nil
    }

    func failOrEnd(_ what: String) -> (Int, String) {
        return (i, i >= scalars.count ? "unexpected end of input" : what)
    }

    static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c = c else { return false }
        return c >= "0" && c <= "9"
    }

    mutating func space() {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" {
            i += 1
        }
    }

    mutating func value(depth: Int) -> (Int, String)? {
        space()
        guard let c = peek() else {
            return (i, "unexpected end of input")
        }
        switch c {
        case "{", "[":
            if depth >= maxJSONDepth {
                return (i, "nested deeper than 128 levels")
            }
            let close: Unicode.Scalar = c == "{" ? "}" : "]"
            i += 1
            space()
            if peek() == close {
                i += 1
                return nil
            }
            while true {
                if c == "{" {
                    space()
                    if peek() != "\"" {
                        return failOrEnd("expected a string key")
                    }
                    if let error = string() {
                        return error
                    }
                    space()
                    if peek() != ":" {
                        return failOrEnd("expected ':'")
                    }
                    i += 1
                }
                if let error = value(depth: depth + 1) {
                    return error
                }
                space()
                guard let next = peek() else {
                    return (i, "unexpected end of input")
                }
                if next == "," {
                    i += 1
                } else if next == close {
                    i += 1
                    return nil
                } else {
                    return (i, c == "{" ? "expected ',' or '}'" : "expected ',' or ']'")
                }
            }
        case "\"":
            return string()
        case "t":
            return literal("true")
        case "f":
            return literal("false")
        case "n":
            return literal("null")
        default:
            if c == "-" || SyntaxScanner.isDigit(c) {
                return number()
            }
            return (i, "expected a value")
        }
    }

    mutating func literal(_ word: String) -> (Int, String)? {
        for c in word.unicodeScalars {
            if peek() != c {
                return failOrEnd("invalid literal")
            }
            i += 1
        }
        return nil
    }

    mutating func number() -> (Int, String)? {
        if peek() == "-" {
            i += 1
        }
        guard let first = peek() else {
            return (i, "unexpected end of input")
        }
        if first == "0" {
            i += 1
            if SyntaxScanner.isDigit(peek()) {
                return (i, "invalid number")
            }
        } else if SyntaxScanner.isDigit(first) {
            while SyntaxScanner.isDigit(peek()) {
                i += 1
            }
        } else {
            return (i, "invalid number")
        }
        if peek() == "." {
            i += 1
            if !SyntaxScanner.isDigit(peek()) {
                return failOrEnd("invalid number")
            }
            while SyntaxScanner.isDigit(peek()) {
                i += 1
            }
        }
        if peek() == "e" || peek() == "E" {
            i += 1
            if peek() == "+" || peek() == "-" {
                i += 1
            }
            if !SyntaxScanner.isDigit(peek()) {
                return failOrEnd("invalid number")
            }
            while SyntaxScanner.isDigit(peek()) {
                i += 1
            }
        }
        return nil
    }

    mutating func string() -> (Int, String)? {
        i += 1
        while true {
            guard let c = peek() else {
                return (i, "unexpected end of input")
            }
            if c == "\"" {
                i += 1
                return nil
            }
            if c == "\\" {
                if let error = escape() {
                    return error
                }
            } else if c.value < 0x20 {
                return (i, "control character in a string")
            } else {
                i += 1
            }
        }
    }

    mutating func escape() -> (Int, String)? {
        let backslash = i
        i += 1
        guard let c = peek() else {
            return (i, "unexpected end of input")
        }
        if "\"\\/bfnrt".unicodeScalars.contains(c) {
            i += 1
            return nil
        }
        if c != "u" {
            return (i, "invalid escape")
        }
        i += 1
        let unit: UInt32
        switch hex4() {
        case .failure(let found):
            return (found.at, found.what)
        case .success(let value):
            unit = value
        }
        if unit >= 0xDC00 && unit <= 0xDFFF {
            return (backslash, "lone surrogate")
        }
        if unit < 0xD800 || unit > 0xDBFF {
            return nil
        }
        guard let next = peek() else {
            return (i, "unexpected end of input")
        }
        if next != "\\" {
            return (backslash, "lone surrogate")
        }
        i += 1
        guard let u = peek() else {
            return (i, "unexpected end of input")
        }
        if u != "u" {
            return (backslash, "lone surrogate")
        }
        i += 1
        switch hex4() {
        case .failure(let found):
            return (found.at, found.what)
        case .success(let low):
            return low >= 0xDC00 && low <= 0xDFFF ? nil : (backslash, "lone surrogate")
        }
    }

    struct Found: Error {
        let at: Int
        let what: String
    }

    /// The four hex digits of a `\u` escape (ASCII only).
    mutating func hex4() -> Result<UInt32, Found> {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek() else {
                return .failure(Found(at: i, what: "unexpected end of input"))
            }
            let digit: UInt32
            switch c.value {
            case 0x30...0x39: digit = c.value - 0x30 // 0 to 9
            case 0x61...0x66: digit = c.value - 0x61 + 10 // lower-case hex letters
            case 0x41...0x46: digit = c.value - 0x41 + 10 // upper-case hex letters
            default: return .failure(Found(at: i, what: "invalid \\u escape"))
            }
            unit = unit * 16 + digit
            i += 1
        }
        return .success(unit)
    }
}

/// The issue for a key that an object repeats, at `path` (object keys and array indices, the
/// repeated key last) under `schema`, with every value it has in the text (`values`): an error when
/// one of the values may carry a secret that a reader keeping another value never sees, a warning
/// otherwise. A secret, by the schema: the key is a sensitive field or an object field that holds
/// one at any depth; by the values: the key, or a key at any depth inside a value, is the wire name
/// of a sensitive field of `schema` or of an object it reaches, or a string or key inside a value
/// holds a card number (`maskCardNumbers(_:)` would hide it). Card numbers are masked in the
/// pointer as in the message.
public func duplicateKeyIssue(_ path: [String], in schema: ObjectSchema, values: [JSONValue] = []) -> Issue {
    var current: ObjectSchema? = schema
    var secret = false
    var pointer = ""
    for (index, name) in path.enumerated() {
        let field = current?.field(named: name)
        if index == path.count - 1, let field = field {
            secret = holdsSensitive(field, depth: 0)
        }
        if let field = field, case .object(let inner) = field.kind {
            current = inner
        } else {
            current = nil
        }
        pointer += pointerSegment(maskCardNumbers(name))
    }
    let key = path.last ?? ""
    if !secret {
        let names = sensitiveNames(schema)
        secret = names.contains(key) || values.contains { holdsSecret($0, names: names) }
    }
    let message = quote(key) + " appears more than once in this object: readers disagree on which value counts"
    return Issue(path: pointer, rule: "duplicate_key", severity: secret ? .error : .warning, message: message)
}

/// Whether `field` is sensitive or an object whose fields hold a sensitive one at any depth
/// (`depth` stops a cycle that lint would have refused).
private func holdsSensitive(_ field: FieldSchema, depth: Int) -> Bool {
    if field.sensitive {
        return true
    }
    guard depth <= 64, case .object(let inner) = field.kind else {
        return false
    }
    return inner.fields.contains { holdsSensitive($0, depth: depth + 1) }
}

/// The wire names of the sensitive fields of `schema` and of every object type it reaches.
private func sensitiveNames(_ schema: ObjectSchema) -> Set<String> {
    var names = Set<String>()
    var seen = Set<String>()
    var todo = [schema]
    while let object = todo.popLast() {
        if !seen.insert(object.name).inserted {
            continue
        }
        for field in object.fields {
            if field.sensitive {
                names.insert(field.name)
            }
            if case .object(let inner) = field.kind {
                todo.append(inner)
            }
        }
    }
    return names
}

/// Whether `value` holds, at any depth, a key in `names` or a string or key with a card number.
/// An explicit stack: no recursion, whatever the depth.
private func holdsSecret(_ value: JSONValue, names: Set<String>) -> Bool {
    let card = { (text: String) -> Bool in maskCardNumbers(text) != text }
    var todo = [value]
    while let value = todo.popLast() {
        switch value {
        case .string(let text):
            if card(text) {
                return true
            }
        case .array(let items):
            todo.append(contentsOf: items)
        case .object(let members):
            for (key, item) in members {
                if names.contains(key) || card(key) {
                    return true
                }
                todo.append(item)
            }
        default:
            break
        }
    }
    return false
}

/// A key that an object of a JSON text repeats.
public struct RepeatedKey: Equatable, Sendable {
    /// Object keys and array indices from the root, the repeated key last.
    public let path: [String]
    /// Every value of the key, in text order (a decoded value keeps one).
    public var values: [JSONValue]
}

/// Reads JSON `text` as the other targets read it: a key that an object repeats keeps its last value
/// (Foundation's `JSONDecoder` keeps the first), and `repeatedKeys` is every key that an object
/// repeats, once per key, in text order, with all its values. Keys are compared by their Unicode
/// scalars. `JSONDecoder` reads the text; the walk for repeated keys also notes what no runtime of
/// this package reads as JSON (nesting deeper than `maxJSONDepth`, a surrogate escape that may be
/// alone, a trailing comma), and only then, or when `JSONDecoder` throws, `jsonSyntaxError(_:)` scans the text.
/// Throws `JSONSyntaxError` when the text is not exactly one JSON value.
public func readJSON(text: String) throws -> (value: JSONValue, repeatedKeys: [RepeatedKey]) {
    // Foundation's JSONDecoder stops the process (a `try!` of its own) on an object key that is
    // not a JSON string: a bad escape, a raw control character. A text with a backslash or a
    // control character is scanned first.
    if text.utf8.contains(where: { $0 == 0x5C || $0 < 0x20 }), let message = jsonSyntaxError(text) {
        throw JSONSyntaxError(message: message)
    }
    let decoded: JSONValue
    do {
        decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    } catch {
        throw JSONSyntaxError(message: jsonSyntaxError(text) ?? "invalid JSON at line 1, column 1: expected a value")
    }
    var reader = DuplicateKeyReader(bytes: Array(text.utf8))
    let value = reader.value([]) ?? decoded
    if reader.suspect || text.unicodeScalars.first == "\u{FEFF}", let message = jsonSyntaxError(text) {
        throw JSONSyntaxError(message: message)
    }
    return (value, reader.found)
}

/// `readJSON(text:)` with only the path (object keys and array indices, the repeated key last) of
/// each repeated key. Throws when the text is not JSON.
public func decodeJSON(text: String) throws -> (value: JSONValue, duplicateKeys: [[String]]) {
    let read = try readJSON(text: text)
    return (read.value, read.repeatedKeys.map { $0.path })
}

/// The path of every key that an object of the JSON `text` repeats (see `decodeJSON(text:)`);
/// empty when the text is not JSON.
public func duplicateKeys(in text: String) -> [[String]] {
    return (try? decodeJSON(text: text))?.duplicateKeys ?? []
}

/// A reader of valid JSON text that keeps the last value of a repeated key and notes where keys
/// repeat; scalars are decoded by `JSONDecoder`, one token at a time.
private struct DuplicateKeyReader {
    let bytes: [UInt8]
    var index = 0
    var depth = 0
    var found: [RepeatedKey] = []
    /// Whether the text nests deeper than `maxJSONDepth`, holds a surrogate escape or a trailing
    /// comma: what `JSONDecoder` may read and no other runtime does.
    var suspect = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func space() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    /// The token that starts at `start` and ends before `index`, decoded.
    func token(from start: Int) -> JSONValue? {
        guard start < index, index <= bytes.count else {
            return nil
        }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(bytes[start..<index]))
    }

    /// The string that starts at `index` (a `"`), decoded.
    mutating func string() -> String? {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != 0x22 {
            if bytes[index] == 0x5C, index + 3 < bytes.count, bytes[index + 1] == 0x75,
               bytes[index + 2] | 0x20 == 0x64, (0x38...0x39).contains(bytes[index + 3]) || (0x61...0x66).contains(bytes[index + 3] | 0x20) {
                // `\uD8..` to `\uDF..`: half of a surrogate pair, maybe alone.
                suspect = true
            }
            index += bytes[index] == 0x5C ? 2 : 1
        }
        index += 1
        guard case .string(let text)? = token(from: start) else {
            return nil
        }
        return text
    }

    mutating func value(_ path: [String]) -> JSONValue? {
        space()
        guard index < bytes.count else {
            return nil
        }
        if depth >= maxJSONDepth, bytes[index] == 0x7B || bytes[index] == 0x5B {
            suspect = true
            return nil
        }
        switch bytes[index] {
        case 0x7B:
            index += 1
            depth += 1
            defer { depth -= 1 }
            return object(path)
        case 0x5B:
            index += 1
            depth += 1
            defer { depth -= 1 }
            return array(path)
        case 0x22:
            return string().map { .string($0) }
        default:
            let start = index
            while index < bytes.count, ![0x2C, 0x5D, 0x7D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                index += 1
            }
            return token(from: start)
        }
    }

    mutating func object(_ path: [String]) -> JSONValue? {
        var members: [String: JSONValue] = [:]
        // Each key so far with its first value, and each repeated one with its index in `found`.
        var seen: [[UInt8]: JSONValue] = [:]
        var reported: [[UInt8]: Int] = [:]
        space()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return .object(members)
        }
        while index < bytes.count {
            space()
            guard index < bytes.count, bytes[index] == 0x22, let key = string() else {
                return nil
            }
            space()
            index += 1
            guard let member = value(path + [key]) else {
                return nil
            }
            let raw = Array(key.utf8)
            if let at = reported[raw] {
                found[at].values.append(member)
            } else if let first = seen[raw] {
                reported[raw] = found.count
                found.append(RepeatedKey(path: path + [key], values: [first, member]))
            } else {
                seen[raw] = member
            }
            members[key] = member
            space()
            guard index < bytes.count, bytes[index] == 0x2C else {
                index += 1
                return .object(members)
            }
            index += 1
            if trailingComma(0x7D) {
                return nil
            }
        }
        return nil
    }

    mutating func array(_ path: [String]) -> JSONValue? {
        var items: [JSONValue] = []
        space()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return .array(items)
        }
        while index < bytes.count {
            guard let item = value(path + [String(items.count)]) else {
                return nil
            }
            items.append(item)
            space()
            guard index < bytes.count, bytes[index] == 0x2C else {
                index += 1
                return .array(items)
            }
            index += 1
            if trailingComma(0x5D) {
                return nil
            }
        }
        return nil
    }

    /// After a comma: whether `close` follows (`JSONDecoder` accepts a trailing comma, no other
    /// runtime does), noted as suspect.
    mutating func trailingComma(_ close: UInt8) -> Bool {
        space()
        if index < bytes.count, bytes[index] == close {
            suspect = true
            return true
        }
        return false
    }
}

/// `text` with every card number masked, so that no message, key or pointer shows one: in each
/// run of ASCII digits, spaces and `-`, every window of 13 to 19 consecutive digits (separators
/// skipped) that passes the Luhn check has its digits hidden but its last four; a hidden digit
/// becomes `*`, separators and every other character stay (`4111 1111 1111 1111` becomes
/// `**** **** **** 1111`). Overlapping windows: a digit is hidden when any window hides it, so no
/// Luhn-valid window is left whole, even inside a longer run (`1 4111111111111111` becomes
/// `1 ************1111`). Every target's validator masks the same way
/// (`tests/masking/card_numbers.json`).
public func maskCardNumbers(_ text: String) -> String {
    var scalars = Array(text.unicodeScalars)
    var changed = false
    // The positions and values of the current run's digits (read before any is hidden).
    var digits: [Int] = []
    var values: [UInt32] = []
    var i = 0
    while i < scalars.count {
        if !inCardRun(scalars[i]) {
            i += 1
            continue
        }
        digits.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        while i < scalars.count, inCardRun(scalars[i]) {
            if isAsciiDigit(scalars[i]) {
                digits.append(i)
                values.append(scalars[i].value - 48)
            }
            i += 1
        }
        if digits.count < 13 {
            continue
        }
        for end in 13...digits.count {
            // The Luhn sum of the window ending at `end`, grown one digit to the left at a time.
            var sum: UInt32 = 0
            var k = 0
            var start = end - 1
            while start >= 0, k < 19 {
                let d = values[start]
                sum += k % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d
                if k + 1 >= 13, sum % 10 == 0 {
                    for h in start..<(end - 4) {
                        scalars[digits[h]] = "*"
                    }
                    changed = true
                }
                k += 1
                start -= 1
            }
        }
    }
    if !changed {
        return text
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
}

private func isAsciiDigit(_ scalar: Unicode.Scalar) -> Bool {
    return scalar.value >= 48 && scalar.value <= 57
}

/// A scalar of a run that may hold a card number: an ASCII digit, a space or `-`.
private func inCardRun(_ scalar: Unicode.Scalar) -> Bool {
    return isAsciiDigit(scalar) || scalar == " " || scalar == "-"
}

/// Appends a JSON pointer segment, escaping `~` and `/`.
func pointerSegment(_ name: String) -> String {
    return "/" + name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

/// Quotes a value for a message: card numbers masked (`maskCardNumbers(_:)`), then shortened so
/// a huge payload does not make a huge report.
private func quote(_ value: String) -> String {
    let masked = maskCardNumbers(value)
    let scalars = Array(masked.unicodeScalars)
    if scalars.count <= 64 {
        return "`" + masked + "`"
    }
    var head = String.UnicodeScalarView()
    head.append(contentsOf: scalars[0..<64])
    return "`" + String(head) + "…`"
}

extension ValidationReport {
    /// Walks a JSON value against a schema, collecting issues.
    fileprivate struct Walker {
        var path = ""
        var issues: [Issue] = []

        mutating func issue(_ rule: String, _ severity: Severity, _ message: String) {
            issues.append(Issue(path: path, rule: rule, severity: severity, message: message))
        }

        /// A value that is not an object where `schema` belongs is reported with its JSON type,
        /// and a string's value quoted (text encoded twice shows itself) unless the field is
        /// `sensitive`.
        mutating func object(_ schema: ObjectSchema, _ value: JSONValue, sensitive: Bool = false) {
            guard case .object(let object) = value else {
                var shown = ""
                if case .string(let text) = value, !sensitive {
                    shown = " " + quote(text)
                }
                issue("type", .error, "expected an object (" + schema.name + "), found " + value.typeDescription + shown)
                return
            }
            for field in schema.fields {
                let parent = path
                path += pointerSegment(field.name)
                switch object[field.name] {
                case .none, .some(.null):
                    if field.required {
                        issue("required", .error, "`" + field.name + "` is required")
                    }
                case .some(let fieldValue):
                    self.field(field, fieldValue)
                }
                path = parent
            }
            for check in schema.checks {
                self.check(schema, check, object)
            }
        }

        mutating func field(_ field: FieldSchema, _ value: JSONValue) {
            switch field.kind {
            case .anyValue:
                return
            case .object(let schema):
                object(schema, value, sensitive: field.sensitive)
            case .string, .enumeration:
                guard case .string(let text) = value else {
                    issue("type", .error, "expected a string, found " + value.typeDescription)
                    return
                }
                string(field, text)
            }
        }

        mutating func string(_ field: FieldSchema, _ text: String) {
            // `maxLength` first: a longer value gets the length error alone and is never matched
            // against the pattern.
            var tooLong = false
            if let max = field.maxLength {
                let length = text.unicodeScalars.count
                tooLong = length > max
                if tooLong {
                    issue("max_length", .error, shown(field, text) + " is \(length) characters long, more than the maximum of \(max)")
                }
            }
            if let pattern = field.pattern, !tooLong, !pattern.matches(text) {
                issue("pattern", .error, shown(field, text) + " does not have the expected format (" + pattern.format + ")")
            }
            if case .enumeration(let schema) = field.kind, !schema.values.contains(text) {
                issue("unknown_value", .warning, shown(field, text) + " is not a known " + schema.name + " value")
            }
        }

        /// A field's value as the subject of a message: `the value` for a sensitive field, else
        /// the value quoted (`quote(_:)`).
        func shown(_ field: FieldSchema, _ text: String) -> String {
            return field.sensitive ? "the value" : quote(text)
        }

        /// A check's field as evidence: its path as the spec writes it, with `.` between the wire
        /// names, a space, then `<redacted>` for a sensitive field, else the value quoted
        /// (`quote(_:)`).
        static func evidence(_ item: Resolved) -> String {
            return item.fieldPath.joined(separator: ".") + " " + (item.field.sensitive ? "<redacted>" : quote(item.value))
        }

        mutating func check(_ schema: ObjectSchema, _ check: CheckSchema, _ object: [String: JSONValue]) {
            let resolved = check.fields.compactMap { Walker.resolve(schema, object, $0) }
            switch check.kind {
            case .digitsSuffix:
                guard resolved.count == 2 else {
                    return
                }
                let short = Array(resolved[0].value.unicodeScalars)
                let long = Array(resolved[1].value.unicodeScalars)
                let count = short.count
                guard count > 0, long.count >= count else {
                    return
                }
                let tail = Array(long[(long.count - count)...])
                guard tail.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) else {
                    return
                }
                if tail != short {
                    let evidence = Walker.evidence(resolved[0]) + ", " + Walker.evidence(resolved[1])
                    issues.append(Issue(path: path + resolved[0].pointer, rule: check.rule, severity: .warning, message: check.message + ": " + evidence))
                }
            case .sameOutcome:
                var first: (item: Resolved, outcome: Outcome)? = nil
                for item in resolved {
                    guard case .enumeration(let values) = item.field.kind, let outcome = values.outcomes[item.value] else {
                        continue
                    }
                    guard let expected = first else {
                        first = (item, outcome)
                        continue
                    }
                    if expected.outcome != outcome {
                        let evidence = Walker.evidence(expected.item) + " is " + expected.outcome.rawValue + ", " + Walker.evidence(item) + " is " + outcome.rawValue
                        issues.append(Issue(path: path + item.pointer, rule: check.rule, severity: .warning, message: check.message + ": " + evidence))
                        return
                    }
                }
            }
        }

        /// A check's field path resolved to a string value: its relative pointer, field, value and
        /// path.
        typealias Resolved = (pointer: String, field: FieldSchema, value: String, fieldPath: [String])

        /// Follows a field path through nested objects to a string value.
        static func resolve(_ schema: ObjectSchema, _ object: [String: JSONValue], _ fieldPath: [String]) -> Resolved? {
            guard let last = fieldPath.last else {
                return nil
            }
            var schema = schema
            var object = object
            var pointer = ""
            for segment in fieldPath.dropLast() {
                guard let field = schema.field(named: segment),
                      case .object(let inner) = field.kind,
                      case .object(let innerObject)? = object[segment]
                else {
                    return nil
                }
                pointer += pointerSegment(segment)
                schema = inner
                object = innerObject
            }
            guard let field = schema.field(named: last), case .string(let value)? = object[last] else {
                return nil
            }
            return (pointer + pointerSegment(last), field, value, fieldPath)
        }
    }
}
