import kotlin.Char
import kotlin.CharArray
import kotlin.CharSequence
import kotlin.IllegalArgumentException
import kotlin.IntArray
import kotlin.collections.ArrayList
import kotlin.collections.HashSet
import kotlin.collections.Iterable
import kotlin.collections.LinkedHashMap
import kotlin.collections.Set
import kotlin.text.Regex

/** How bad an [Issue] is. */
enum class Severity(
    /** `error` or `warning`. */
    val value: String,
) {
    /** The payload breaks the spec. */
    ERROR("error"),

    /** The payload is allowed but suspicious: an unknown value, fields that disagree. */
    WARNING("warning"),
    ;

    override fun toString(): String = value
}

/** One violation, at the JSON pointer of the offending value. */
class Issue(
    /** JSON pointer (RFC 6901) of the offending value; `""` is the whole payload. */
    val path: String,
    /**
     * Short stable rule name: `type`, `required`, `max_length`, `pattern`, `unknown_value`, or a
     * cross-field rule of the spec.
     */
    val rule: String,
    /** How bad it is. */
    val severity: Severity,
    /** What is wrong, in words; the wording may change between versions, the rule does not. */
    val message: String,
) {
    override fun equals(other: Any?): Boolean =
        other is Issue && other.path == path && other.rule == rule && other.severity == severity && other.message == message

    override fun hashCode(): Int = listOf(path, rule, severity, message).hashCode()

    override fun toString(): String =
        severity.value + ": " + (if (path.isEmpty()) "(root)" else path) + ": " + message + " [" + rule + "]"
}

/** Every issue found in one payload, in document order. */
class ValidationReport(
    /** Errors and warnings together, in document order. */
    val issues: List<Issue>,
) {
    /** The issues of severity [Severity.ERROR]. */
    val errors: List<Issue>
        get() = issues.filter { it.severity == Severity.ERROR }

    /** The issues of severity [Severity.WARNING]. */
    val warnings: List<Issue>
        get() = issues.filter { it.severity == Severity.WARNING }

    /** No errors (warnings allowed). */
    val isValid: Boolean
        get() = issues.none { it.severity == Severity.ERROR }

    /** Neither errors nor warnings. */
    val isClean: Boolean
        get() = issues.isEmpty()

    override fun equals(other: Any?): Boolean = other is ValidationReport && other.issues == issues

    override fun hashCode(): Int = issues.hashCode()

    override fun toString(): String = issues.joinToString("\n")
}

/**
 * Validation: the schema tables that the generated types carry (`schema` on every object and
 * enumeration), and the interpreter that walks a JSON value against them.
 *
 * Every violation is reported at once, with its JSON pointer: a wrong JSON type, a missing
 * required field (`null` counts as missing), a string longer than its maximum length (counted in
 * Unicode code points) and a pattern mismatch are errors; an unknown value of an enumeration and
 * a failed cross-field check are warnings; unknown keys are accepted. Validation never throws.
 */
object Validate {
    /**
     * Validates [json], a JSON value as [Json.parse] returns it (or any `Map`/`List` tree), as an
     * instance of [schema]. Never throws.
     */
    @JvmStatic
    fun value(schema: ObjectSchema, json: Any?): ValidationReport {
        val walker = Walker()
        walker.obj(schema, json, "")
        return ValidationReport(walker.issues.toList())
    }

    /**
     * The issue for a key that an object repeats, at [path] (object keys and array indices, the
     * repeated key last) under [schema], with every value it has in the text ([values]): an error
     * when one of the values may carry a secret that a reader keeping another value never sees, a
     * warning otherwise. A secret, by the schema: the key is a sensitive field or an object field
     * that holds one at any depth; by the values: the key, or a key at any depth inside a value,
     * is the wire name of a sensitive field of [schema] or of an object it reaches, or a string or
     * key inside a value holds a card number ([maskCardNumbers] would hide it). Card numbers are
     * masked in the pointer as in the message.
     */
    @JvmStatic
    @JvmOverloads
    fun duplicateKey(schema: ObjectSchema, path: List<String>, values: List<Any?> = emptyList()): Issue {
        var current: ObjectSchema? = schema
        var secret = false
        path.forEachIndexed { i, name ->
            val field = current?.field(name)
            if (i == path.size - 1) secret = field != null && holdsSensitive(field, 0)
            current = (field?.kind as? FieldKind.Nested)?.schema
        }
        val key = path.lastOrNull() ?: ""
        if (!secret) {
            val names = sensitiveNames(schema)
            secret = key in names || values.any { holdsSecret(it, names) }
        }
        val pointer = path.joinToString("") { segment(maskCardNumbers(it)) }
        val message = quote(key) + " appears more than once in this object: readers disagree on which value counts"
        return Issue(pointer, "duplicate_key", if (secret) Severity.ERROR else Severity.WARNING, message)
    }

    /**
     * Whether [field] is sensitive or an object whose fields hold a sensitive one at any depth
     * ([depth] stops a cycle that lint would have refused).
     */
    private fun holdsSensitive(field: FieldSchema, depth: Int): Boolean {
        if (field.sensitive) return true
        val inner = (field.kind as? FieldKind.Nested)?.schema ?: return false
        return depth <= 64 && inner.fields.any { holdsSensitive(it, depth + 1) }
    }

    /** The wire names of the sensitive fields of [schema] and of every object type it reaches. */
    private fun sensitiveNames(schema: ObjectSchema): Set<String> {
        val names = HashSet<String>()
        val seen = ArrayList<ObjectSchema>()
        val todo = ArrayList<ObjectSchema>()
        todo.add(schema)
        while (todo.isNotEmpty()) {
            val obj = todo.removeAt(todo.size - 1)
            if (seen.any { it === obj }) continue
            seen.add(obj)
            for (field in obj.fields) {
                if (field.sensitive) names.add(field.name)
                val inner = (field.kind as? FieldKind.Nested)?.schema
                if (inner != null) todo.add(inner)
            }
        }
        return names
    }

    /**
     * Whether [value] holds, at any depth, a key in [names] or a string or key with a card
     * number. An explicit stack: no recursion, whatever the depth.
     */
    private fun holdsSecret(value: Any?, names: Set<String>): Boolean {
        val todo = ArrayList<Any?>()
        todo.add(value)
        while (todo.isNotEmpty()) {
            when (val v = todo.removeAt(todo.size - 1)) {
                is String -> if (maskCardNumbers(v) != v) return true
                is Map<*, *> -> for ((key, item) in v) {
                    val name = key.toString()
                    if (name in names || maskCardNumbers(name) != name) return true
                    todo.add(item)
                }
                is Iterable<*> -> for (item in v) todo.add(item)
            }
        }
        return false
    }

    /**
     * [json] with the value of every sensitive field of [schema] (nested objects included)
     * replaced by `"<redacted>"` (`null` stays `null`), and every string and every key, in arrays
     * and objects of unknown shape too, with card numbers masked ([maskCardNumbers]). Two keys
     * that mask to the same text keep the later value.
     */
    @JvmStatic
    fun redact(schema: ObjectSchema?, json: Any?): Any? = when (json) {
        is Map<*, *> -> {
            val out = LinkedHashMap<String, Any?>()
            for ((key, value) in json) {
                val name = key.toString()
                val field = schema?.field(name)
                out[maskCardNumbers(name)] = when {
                    value == null -> null
                    field?.sensitive == true -> "<redacted>"
                    else -> redact((field?.kind as? FieldKind.Nested)?.schema, value)
                }
            }
            out
        }
        is CharSequence -> maskCardNumbers(json.toString())
        is Iterable<*> -> json.map { redact(null, it) }
        is Array<*> -> json.map { redact(null, it) }
        else -> json
    }

    /** An object type's fields and cross-field checks. */
    class ObjectSchema(
        /** The spec's name for the type. */
        val name: String,
        /** The fields, sorted by wire name. */
        val fields: List<FieldSchema>,
        /** Cross-field checks; a failure is a warning. */
        val checks: List<CheckSchema>,
    ) {
        /** The field with this wire name. */
        fun field(name: String): FieldSchema? = fields.firstOrNull { it.name == name }
    }

    /** A field of an object type. */
    class FieldSchema(
        /** The wire name (JSON key). */
        val name: String,
        /** Whether the field must be present and not `null`. */
        val required: Boolean,
        /** What the field holds. */
        val kind: FieldKind,
        /** The maximum length in Unicode code points, if any. */
        val maxLength: Int?,
        /** A pattern that the whole string must match, if any. */
        val pattern: String?,
        /** What the pattern requires, in words. */
        val format: String?,
        /** Whether values are left out of messages and `toString()`. */
        val sensitive: Boolean,
    ) {
        internal val regex: Regex? by lazy {
            pattern?.let { source -> runCatching { Regex(source) }.getOrNull() }
        }
    }

    /** What a field holds. */
    sealed class FieldKind {
        /** Any string. */
        object Text : FieldKind()

        /** Any JSON value. */
        object Anything : FieldKind()

        /** A string, one of the values of an open enumeration (others are warned about). */
        class OneOf(
            /** The enumeration. */
            val schema: EnumSchema,
        ) : FieldKind()

        /** A nested object. */
        class Nested(
            /** The object type. */
            val schema: ObjectSchema,
        ) : FieldKind()
    }

    /** The known values of an open enumeration, with the outcome each one reports. */
    class EnumSchema(
        /** The spec's name for the enumeration. */
        val name: String,
        /** Each known wire value and its outcome, if it has one. */
        val values: Map<String, Outcome?>,
    ) {
        /** Whether [value] is a known value. */
        fun isKnown(value: String): Boolean = values.containsKey(value)

        /** The outcome of a known value, if it has one. */
        fun outcome(value: String): Outcome? = values[value]
    }

    /** Kinds of cross-field check. */
    enum class CheckKind {
        /** The first field equals the end of the second where that end is all ASCII digits. */
        DIGITS_SUFFIX,

        /** The known values of the fields that carry an outcome agree on it. */
        SAME_OUTCOME,
    }

    /** A cross-field consistency check; a failure is a warning at the field that disagrees. */
    class CheckSchema(
        /** The rule name reported. */
        val rule: String,
        /** What is checked. */
        val kind: CheckKind,
        /** Field paths, as wire-name segments from the object. */
        val fields: List<List<String>>,
        /** The message reported. */
        val message: String,
    )

    /** A check's field path ([segments]) resolved to a string value. */
    private class Resolved(val rel: String, val field: FieldSchema, val value: String, val segments: List<String>) {
        /**
         * The field as evidence: its path as the spec writes it, with `.` between the wire names,
         * a space, then `<redacted>` for a sensitive field, else the value quoted ([quote]).
         */
        fun evidence(): String = segments.joinToString(".") + " " + (if (field.sensitive) "<redacted>" else quote(value))
    }

    private class Walker {
        val issues = ArrayList<Issue>()

        private fun issue(path: String, rule: String, severity: Severity, message: String) {
            issues.add(Issue(path, rule, severity, message))
        }

        /**
         * A value that is not an object where [schema] belongs is reported with its JSON type, and
         * a string's value quoted (text encoded twice shows itself) unless the field is [sensitive].
         */
        fun obj(schema: ObjectSchema, json: Any?, path: String, sensitive: Boolean = false) {
            if (json !is Map<*, *>) {
                val shown = if (json is String && !sensitive) " " + quote(json) else ""
                issue(path, "type", Severity.ERROR, "expected an object (" + schema.name + "), found " + typeName(json) + shown)
                return
            }
            for (field in schema.fields) {
                val at = path + segment(field.name)
                val value = json[field.name]
                if (value == null) {
                    if (field.required) issue(at, "required", Severity.ERROR, "`" + field.name + "` is required")
                    continue
                }
                when (val kind = field.kind) {
                    is FieldKind.Anything -> {}
                    is FieldKind.Nested -> obj(kind.schema, value, at, field.sensitive)
                    is FieldKind.Text, is FieldKind.OneOf ->
                        if (value is String) {
                            string(field, value, at)
                        } else {
                            issue(at, "type", Severity.ERROR, "expected a string, found " + typeName(value))
                        }
                }
            }
            for (check in schema.checks) check(schema, check, json, path)
        }

        private fun string(field: FieldSchema, value: String, at: String) {
            // `maxLength` first: a longer value gets the length error alone and is never matched
            // against the pattern.
            val max = field.maxLength
            var tooLong = false
            if (max != null) {
                val length = value.codePointCount(0, value.length)
                tooLong = length > max
                if (tooLong) {
                    issue(at, "max_length", Severity.ERROR, shown(field, value) + " is " + length + " characters long, more than the maximum of " + max)
                }
            }
            if (field.pattern != null && !tooLong && field.regex?.matches(value) != true) {
                issue(at, "pattern", Severity.ERROR, shown(field, value) + " does not have the expected format (" + (field.format ?: "in the expected format") + ")")
            }
            val kind = field.kind
            if (kind is FieldKind.OneOf && !kind.schema.isKnown(value)) {
                issue(at, "unknown_value", Severity.WARNING, shown(field, value) + " is not a known " + kind.schema.name + " value")
            }
        }

        /** A field's value as the subject of a message: `the value` for a sensitive field, else the value quoted ([quote]). */
        private fun shown(field: FieldSchema, value: String): String = if (field.sensitive) "the value" else quote(value)

        private fun check(schema: ObjectSchema, check: CheckSchema, json: Map<*, *>, path: String) {
            val resolved = check.fields.mapNotNull { resolve(schema, json, it) }
            when (check.kind) {
                CheckKind.DIGITS_SUFFIX -> {
                    if (resolved.size != 2) return
                    val short = codePoints(resolved[0].value)
                    val long = codePoints(resolved[1].value)
                    val n = short.size
                    if (n == 0 || long.size < n) return
                    val tail = long.copyOfRange(long.size - n, long.size)
                    if (!tail.all { it >= '0'.code && it <= '9'.code }) return
                    if (!tail.contentEquals(short)) {
                        val evidence = resolved[0].evidence() + ", " + resolved[1].evidence()
                        issue(path + resolved[0].rel, check.rule, Severity.WARNING, check.message + ": " + evidence)
                    }
                }
                CheckKind.SAME_OUTCOME -> {
                    var first: Resolved? = null
                    var firstOutcome: Outcome? = null
                    for (r in resolved) {
                        val kind = r.field.kind
                        val outcome = (if (kind is FieldKind.OneOf) kind.schema.outcome(r.value) else null) ?: continue
                        if (first == null || firstOutcome == null) {
                            first = r
                            firstOutcome = outcome
                        } else if (firstOutcome != outcome) {
                            val evidence = first.evidence() + " is " + firstOutcome.value + ", " + r.evidence() + " is " + outcome.value
                            issue(path + r.rel, check.rule, Severity.WARNING, check.message + ": " + evidence)
                            return
                        }
                    }
                }
            }
        }

        /** Follows a field path through nested objects to a string value. */
        private fun resolve(schema: ObjectSchema, json: Map<*, *>, segments: List<String>): Resolved? {
            if (segments.isEmpty()) return null
            var objectSchema = schema
            var map = json
            var rel = ""
            for (name in segments.subList(0, segments.size - 1)) {
                val kind = objectSchema.field(name)?.kind as? FieldKind.Nested ?: return null
                val inner = map[name] as? Map<*, *> ?: return null
                rel += segment(name)
                objectSchema = kind.schema
                map = inner
            }
            val last = segments[segments.size - 1]
            val field = objectSchema.field(last) ?: return null
            val value = map[last] as? String ?: return null
            return Resolved(rel + segment(last), field, value, segments)
        }
    }

    /** The Unicode code points of [value] (without `String.codePoints()`, which Android lacks before API 24). */
    private fun codePoints(value: String): IntArray {
        val points = IntArray(value.codePointCount(0, value.length))
        var i = 0
        var n = 0
        while (i < value.length) {
            val point = value.codePointAt(i)
            points[n++] = point
            i += if (point >= 0x10000) 2 else 1
        }
        return points
    }

    /** A JSON pointer segment for [name], with `~` and `/` escaped. */
    internal fun segment(name: String): String = "/" + name.replace("~", "~0").replace("/", "~1")

    private fun typeName(value: Any?): String = when (value) {
        null -> "null"
        is Boolean -> "a boolean"
        is Number -> "a number"
        is CharSequence, is Char -> "a string"
        is Map<*, *> -> "an object"
        is Iterable<*>, is Array<*> -> "an array"
        else -> "a value of another type"
    }

    /**
     * Quotes a value for a message: card numbers masked ([maskCardNumbers]), then shortened so
     * that a huge payload does not make a huge report.
     */
    private fun quote(value: String): String {
        val max = 64
        val masked = maskCardNumbers(value)
        if (masked.codePointCount(0, masked.length) <= max) return "`" + masked + "`"
        return "`" + masked.substring(0, masked.offsetByCodePoints(0, max)) + "\u2026`"
    }

    /**
     * [text] with every card number masked, so that no message, key or pointer shows one: in
     * each run of ASCII digits, spaces and `-`, every window of 13 to 19 consecutive digits
     * (separators skipped) that passes the Luhn check has its digits hidden but its last four; a
     * hidden digit becomes `*`, separators and every other character stay
     * (`4111 1111 1111 1111` becomes `**** **** **** 1111`). Overlapping windows: a digit is
     * hidden when any window hides it, so no Luhn-valid window is left whole, even inside a
     * longer run (`1 4111111111111111` becomes `1 ************1111`). Every target's validator
     * masks the same way (`tests/masking/card_numbers.json`).
     */
    @JvmStatic
    fun maskCardNumbers(text: String): String {
        var out: CharArray? = null
        val digits = IntArray(text.length)
        var i = 0
        while (i < text.length) {
            if (!inRun(text[i])) {
                i++
                continue
            }
            var count = 0
            while (i < text.length && inRun(text[i])) {
                if (text[i] in '0'..'9') digits[count++] = i
                i++
            }
            for (end in 13..count) {
                // The Luhn sum of the window ending at `end`, grown one digit to the left at a time.
                var sum = 0
                var k = 0
                var start = end - 1
                while (start >= 0 && k < 19) {
                    val d = text[digits[start]] - '0'
                    sum += if (k % 2 == 1) (if (d * 2 > 9) d * 2 - 9 else d * 2) else d
                    if (k + 1 >= 13 && sum % 10 == 0) {
                        val chars = out ?: text.toCharArray()
                        out = chars
                        for (h in start until end - 4) chars[digits[h]] = '*'
                    }
                    k++
                    start--
                }
            }
        }
        return out?.concatToString() ?: text
    }

    /** A character of a run that may hold a card number: an ASCII digit, a space or `-`. */
    private fun inRun(c: Char): Boolean = c in '0'..'9' || c == ' ' || c == '-'
}
