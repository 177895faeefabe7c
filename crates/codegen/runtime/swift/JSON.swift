// JSON values, lenient object decoding and the case tables of the open enumerations.

import Foundation

/// Any JSON value. Decoding keeps every value, so encoding gives the same JSON back.
public enum JSONValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// A number without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null:
            try container.encodeNil()
        case .bool(let value):
            try container.encode(value)
        case .integer(let value):
            try container.encode(value)
        case .number(let value):
            try container.encode(value)
        case .string(let value):
            try container.encode(value)
        case .array(let value):
            try container.encode(value)
        case .object(let value):
            try container.encode(value)
        }
    }

    /// The value as compact JSON text, object keys sorted.
    public var description: String {
        switch self {
        case .null:
            return "null"
        case .bool(let value):
            return value ? "true" : "false"
        case .integer(let value):
            return String(value)
        case .number(let value):
            return String(value)
        case .string(let value):
            return JSONValue.quoted(value)
        case .array(let items):
            return "[" + items.map { $0.description }.joined(separator: ",") + "]"
        case .object(let object):
            let members = object.sorted { $0.key < $1.key }.map { JSONValue.quoted($0.key) + ":" + $0.value.description }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    /// The JSON type, as validation messages name it.
    public var typeDescription: String {
        switch self {
        case .null:
            return "null"
        case .bool:
            return "a boolean"
        case .integer, .number:
            return "a number"
        case .string:
            return "a string"
        case .array:
            return "an array"
        case .object:
            return "an object"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"":
                out += "\\\""
            case "\\":
                out += "\\\\"
            case "\n":
                out += "\\n"
            case "\r":
                out += "\\r"
            case "\t":
                out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// A coding key for any key of a JSON object.
struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? {
        return nil
    }

    init(_ stringValue: String) {
        self.stringValue = stringValue
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
    }
}

/// A generated object type: converts to and from a JSON object without losing any key.
public protocol JSONObject: Codable {
    /// Builds the value from a JSON object. Never fails: keys this version does not know, and
    /// known keys whose value has the wrong JSON type, are kept as they are.
    init(fromJSONObject object: [String: JSONValue])
    /// The JSON object: the known fields and the kept keys together.
    func toJSONObject() -> [String: JSONValue]
    /// Validates the value against its type's schema. A decoded value keeps every key it was
    /// decoded from (mistyped values in `extraJSON`), so the report is exactly that of the JSON.
    func validate() -> ValidationReport
    /// The value as compact JSON text, keys sorted, safe to log: the value of every sensitive
    /// field, nested objects' included, is `"<redacted>"`, and every card number in any other
    /// string is masked (`maskCardNumbers(_:)`).
    func redactedJSON() -> String
}

/// The one vocabulary of every open enumeration: `EventCode`, `PaymentResultCode` and each of
/// the spec's enums.
public protocol OpenEnum: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible where RawValue == String {
    /// The values this version knows, as a closed enum for an exhaustive `switch`.
    associatedtype Known: RawRepresentable, CaseIterable, Hashable, Sendable where Known.RawValue == String
    /// Every value this version knows.
    static var allKnown: [Self] { get }
    /// Parses a raw value; never fails: a value this version does not know is kept as it is.
    init(rawValue: String)
    /// The open value of a known one.
    init(_ known: Known)
    /// The raw value, exactly as received.
    var rawValue: String { get }
    /// Whether this version knows the value.
    var isKnown: Bool { get }
    /// The closed value; `nil` when this version does not know the value (`rawValue` keeps it).
    var known: Known? { get }
    /// The values `canonical` gives, as a closed enum: every known value but the deprecated ones
    /// that have a replacement.
    associatedtype Current: RawRepresentable, CaseIterable, Hashable, Sendable where Current.RawValue == String
    /// The value to handle in place of this one: the end of its chain of replacements when it
    /// is deprecated, else the known value itself; `nil` when this version does not know it.
    var canonical: Current? { get }
}

extension JSONObject {
    /// Decodes any JSON object, key by key, through a dynamic coding key.
    static func decodeJSONObject(from decoder: any Decoder) throws -> [String: JSONValue] {
        let container = try decoder.container(keyedBy: JSONKey.self)
        var object: [String: JSONValue] = [:]
        for key in container.allKeys {
            object[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        return object
    }

    /// Encodes `toJSONObject()` key by key.
    func encodeJSONObject(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for (key, value) in toJSONObject() {
            try container.encode(value, forKey: JSONKey(key))
        }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Removes and returns the value of `key` when it is a string.
    mutating func takeString(_ key: String) -> String? {
        guard case .string(let value)? = self[key] else {
            return nil
        }
        removeValue(forKey: key)
        return value
    }

    /// Removes and returns the value of `key` as an open enumeration when it is a string.
    mutating func takeEnum<E: RawRepresentable>(_ key: String) -> E? where E.RawValue == String {
        return takeString(key).flatMap { E(rawValue: $0) }
    }

    /// Removes and returns the value of `key` as an object type when it is an object.
    mutating func takeObject<T: JSONObject>(_ key: String) -> T? {
        guard case .object(let object)? = self[key] else {
            return nil
        }
        removeValue(forKey: key)
        return T(fromJSONObject: object)
    }

    /// Removes and returns the value of `key`, whatever it is.
    mutating func takeAny(_ key: String) -> JSONValue? {
        return removeValue(forKey: key)
    }

    /// Sets `key` when there is a value.
    mutating func put(_ key: String, _ value: JSONValue?) {
        if let value = value {
            self[key] = value
        }
    }
}

/// Maps the raw values of an open enumeration to its known cases and back.
///
/// Swift warns about every use of a deprecated case, even inside the enumeration that declares
/// it, and a switch has to name each case. The generated tables therefore mark their two
/// functions `@available(*, deprecated)` when the enumeration has deprecated cases: code inside
/// a deprecated declaration may use deprecated ones without a warning. The enumerations call
/// the tables only through this protocol, whose requirements are not deprecated, so no call
/// site warns either.
protocol _CaseTable {
    associatedtype Value
    /// The known case with this raw value, if any.
    static func value(forRawValue rawValue: String) -> Value?
    /// The raw value of a case, known or not.
    static func rawValue(of value: Value) -> String
}

func _knownValue<T: _CaseTable>(_ table: T.Type, _ rawValue: String) -> T.Value? {
    return table.value(forRawValue: rawValue)
}

func _rawValue<T: _CaseTable>(_ table: T.Type, _ value: T.Value) -> String {
    return table.rawValue(of: value)
}
