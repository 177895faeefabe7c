import java.math.BigDecimal
import java.math.BigInteger
import kotlin.Byte
import kotlin.Char
import kotlin.CharSequence
import kotlin.Double
import kotlin.Float
import kotlin.IllegalArgumentException
import kotlin.Short
import kotlin.collections.ArrayList
import kotlin.collections.HashMap
import kotlin.collections.HashSet
import kotlin.collections.Iterable
import kotlin.collections.Iterator
import kotlin.collections.LinkedHashMap
import kotlin.collections.MutableMap
import kotlin.text.StringBuilder

/**
 * A small JSON reader and writer, so that this package needs nothing beyond the Kotlin standard
 * library.
 *
 * JSON values are plain Kotlin and Java values: an object is a `Map<String, Any?>` (in the order
 * read), an array a `List<Any?>`, a string a `String`, `true` and `false` a `Boolean`, `null` is
 * `null`, and a number is a `Long` when it is an integer that fits, a [BigInteger] when it is a
 * larger integer, and a [BigDecimal] otherwise. Nothing is rounded, so a value read and written
 * back is the same JSON value. [stringify] also takes trees built by other JSON libraries (any
 * `Map`, `Iterable`, array, `Number` or `CharSequence`).
 */
object Json {
    /**
     * How deep arrays and objects may nest: text nested deeper is not JSON to this reader (nor to
     * the other runtimes' validators), and [stringify] writes what is deeper as `null`.
     */
    const val MAX_DEPTH: Int = 128

    /**
     * Reads one JSON value (RFC 8259) from [text].
     *
     * Beyond RFC 8259, as every runtime of this package: a text that starts with a byte-order
     * mark, a `\u` escape (or a raw character) of half a UTF-16 surrogate pair, and nesting
     * deeper than [MAX_DEPTH] are not JSON.
     *
     * @throws IllegalArgumentException when [text] is not exactly one valid JSON value, with the
     *   message every runtime gives for it: `invalid JSON at line L, column C: WHAT`, line and
     *   column from 1, the column in Unicode code points, lines ending at `\n` only, at the first
     *   offending character (the end of the text when it ends too soon).
     */
    @JvmStatic
    fun parse(text: String): Any? = Parser(text, null).document()

    /**
     * Reads one JSON value from [text] as [parse] does, and notes every key that an object
     * repeats ([parse] keeps the last value, as most JSON readers do).
     *
     * @throws IllegalArgumentException when [text] is not exactly one valid JSON value.
     */
    @JvmStatic
    fun parseNotingDuplicates(text: String): Parsed {
        val repeated = ArrayList<RepeatedKey>()
        val value = Parser(text, repeated).document()
        return Parsed(value, repeated)
    }

    /** A JSON value and where its objects repeat a key. */
    class Parsed(
        /** The value, as [parse] returns it. */
        val value: Any?,
        /** Every key that an object repeats, once per key, in text order, with all its values. */
        val repeated: List<RepeatedKey>,
    ) {
        /**
         * The path (object keys and array indices, the repeated key last) of every key that an
         * object repeats, once per key, in text order.
         */
        val duplicates: List<List<String>>
            get() = repeated.map { it.path }
    }

    /** A key that an object repeats. */
    class RepeatedKey internal constructor(
        /** Object keys and array indices from the root, the repeated key last. */
        val path: List<String>,
        internal val all: ArrayList<Any?>,
    ) {
        /** Every value of the key, in text order ([parse] keeps only the last). */
        val values: List<Any?>
            get() = all
    }

    /**
     * Writes [value] as compact JSON text. Never throws: a value of a type JSON does not have is
     * written as the string of its `toString()`, a non-finite number and anything nested deeper
     * than [MAX_DEPTH] as `null`.
     */
    @JvmStatic
    fun stringify(value: Any?): String {
        val out = StringBuilder()
        write(out, value, 0)
        return out.toString()
    }

    private fun write(out: StringBuilder, value: Any?, depth: Int) {
        when {
            value == null || depth > MAX_DEPTH -> out.append("null")
            value is Boolean -> out.append(if (value) "true" else "false")
            value is CharSequence -> quote(out, value)
            value is Char -> quote(out, value.toString())
            value is Number -> number(out, value)
            value is Map<*, *> -> {
                out.append('{')
                var first = true
                for ((key, item) in value) {
                    if (!first) out.append(',')
                    first = false
                    quote(out, key.toString())
                    out.append(':')
                    write(out, item, depth + 1)
                }
                out.append('}')
            }
            value is Iterable<*> -> array(out, value.iterator(), depth)
            value is Array<*> -> array(out, value.iterator(), depth)
            else -> quote(out, runCatching { value.toString() }.getOrDefault(""))
        }
    }

    private fun array(out: StringBuilder, items: Iterator<*>, depth: Int) {
        out.append('[')
        var first = true
        for (item in items) {
            if (!first) out.append(',')
            first = false
            write(out, item, depth + 1)
        }
        out.append(']')
    }

    private fun number(out: StringBuilder, value: Number) {
        when (value) {
            is Long, is Int, is Short, is Byte, is BigInteger, is BigDecimal -> out.append(value.toString())
            is Double -> out.append(if (value.isFinite()) value.toString() else "null")
            is Float -> out.append(if (value.isFinite()) value.toString() else "null")
            else -> {
                val text = value.toString()
                out.append(if (runCatching { BigDecimal(text) }.isSuccess) text else "null")
            }
        }
    }

    private fun quote(out: StringBuilder, s: CharSequence) {
        out.append('"')
        var i = 0
        while (i < s.length) {
            val c = s[i]
            when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c == '\r' -> out.append("\\r")
                c == '\t' -> out.append("\\t")
                c.isHighSurrogate() && i + 1 < s.length && s[i + 1].isLowSurrogate() -> {
                    out.append(c).append(s[i + 1])
                    i++
                }
                c < ' ' || c.isSurrogate() || c == '\u2028' || c == '\u2029' ->
                    out.append("\\u").append(c.code.toString(16).padStart(4, '0'))
                else -> out.append(c)
            }
            i++
        }
        out.append('"')
    }

    /** A mutable copy of a JSON object with its keys as strings, for decoding. */
    internal fun entries(json: Map<*, *>): MutableMap<String, Any?> {
        val map = LinkedHashMap<String, Any?>()
        for ((key, value) in json) map[key.toString()] = value
        return map
    }

    /** Removes and returns the value of [key] when it is a string; any other value stays. */
    internal fun takeString(map: MutableMap<String, Any?>, key: String): String? {
        val value = map[key] as? String ?: return null
        map.remove(key)
        return value
    }

    /** Removes and returns the value of [key] when it is an object; any other value stays. */
    internal fun takeObject(map: MutableMap<String, Any?>, key: String): Map<*, *>? {
        val value = map[key] as? Map<*, *> ?: return null
        map.remove(key)
        return value
    }

    /** Removes and returns the value of [key] unless it is `null`, which stays. */
    internal fun takeAny(map: MutableMap<String, Any?>, key: String): Any? {
        val value = map[key] ?: return null
        map.remove(key)
        return value
    }

    /**
     * A field's value for `toString()`: hidden when the field is sensitive, else with its card
     * numbers masked ([Validate.maskCardNumbers]).
     */
    internal fun show(value: Any?, sensitive: Boolean): String = when {
        value == null -> "null"
        sensitive -> "<redacted>"
        value is Map<*, *> || value is Iterable<*> || value is Array<*> -> Validate.maskCardNumbers(stringify(value))
        else -> Validate.maskCardNumbers(value.toString())
    }

    /**
     * Kept keys for `toString()`: the values of sensitive fields hidden, card numbers masked in
     * every key and every other value.
     */
    internal fun showExtra(extra: Map<String, Any?>, sensitive: Set<String>): String =
        extra.entries.joinToString(", ", "{", "}") { (key, value) ->
            Validate.maskCardNumbers(key) + "=" + if (key in sensitive) "<redacted>" else Validate.maskCardNumbers(stringify(value))
        }

    private class Parser(private val text: String, private val repeated: MutableList<RepeatedKey>?) {
        private var pos = 0
        private val path = ArrayList<String>()

        fun document(): Any? {
            if (text.startsWith('\uFEFF')) fail("byte-order mark")
            space()
            val value = value(0)
            space()
            if (pos != text.length) fail("trailing characters after the value")
            return value
        }

        /** Throws the error [what] at the current character. */
        private fun fail(what: String): Nothing {
            val lineStart = text.lastIndexOf('\n', pos - 1) + 1
            var line = 1
            for (i in 0 until lineStart) if (text[i] == '\n') line++
            val column = text.codePointCount(lineStart, pos) + 1
            throw IllegalArgumentException("invalid JSON at line " + line + ", column " + column + ": " + what)
        }

        /** [fail] with [what], or with an early end when the text has ended. */
        private fun failOrEnd(what: String): Nothing =
            fail(if (pos >= text.length) "unexpected end of input" else what)

        private fun peek(): Char = if (pos < text.length) text[pos] else '\u0000'

        private fun space() {
            while (pos < text.length && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) pos++
        }

        private fun value(depth: Int): Any? {
            if (pos >= text.length) fail("unexpected end of input")
            return when (text[pos]) {
                '{', '[' -> {
                    if (depth >= MAX_DEPTH) fail("nested deeper than " + MAX_DEPTH + " levels")
                    if (text[pos] == '{') obj(depth) else array(depth)
                }
                '"' -> string()
                't' -> literal("true", true)
                'f' -> literal("false", false)
                'n' -> literal("null", null)
                '-', in '0'..'9' -> number()
                else -> fail("expected a value")
            }
        }

        private fun literal(word: String, value: Boolean?): Boolean? {
            for (c in word) {
                if (pos >= text.length || text[pos] != c) failOrEnd("invalid literal")
                pos++
            }
            return value
        }

        private fun obj(depth: Int): Map<String, Any?> {
            pos++
            val map = LinkedHashMap<String, Any?>()
            val reported = HashMap<String, RepeatedKey>()
            space()
            if (peek() == '}') {
                pos++
                return map
            }
            while (true) {
                space()
                if (pos >= text.length || text[pos] != '"') failOrEnd("expected a string key")
                val key = string()
                space()
                if (pos >= text.length || text[pos] != ':') failOrEnd("expected ':'")
                pos++
                space()
                path.add(key)
                val item = value(depth + 1)
                path.removeAt(path.size - 1)
                if (repeated != null && map.containsKey(key)) {
                    val entry = reported.getOrPut(key) {
                        val first = ArrayList<Any?>()
                        first.add(map[key])
                        RepeatedKey(path + key, first).also { repeated.add(it) }
                    }
                    entry.all.add(item)
                }
                map[key] = item
                space()
                when {
                    pos >= text.length -> fail("unexpected end of input")
                    text[pos] == ',' -> pos++
                    text[pos] == '}' -> {
                        pos++
                        return map
                    }
                    else -> fail("expected ',' or '}'")
                }
            }
        }

        private fun array(depth: Int): List<Any?> {
            pos++
            val list = ArrayList<Any?>()
            space()
            if (peek() == ']') {
                pos++
                return list
            }
            while (true) {
                space()
                path.add(list.size.toString())
                val item = value(depth + 1)
                path.removeAt(path.size - 1)
                list.add(item)
                space()
                when {
                    pos >= text.length -> fail("unexpected end of input")
                    text[pos] == ',' -> pos++
                    text[pos] == ']' -> {
                        pos++
                        return list
                    }
                    else -> fail("expected ',' or ']'")
                }
            }
        }

        private fun string(): String {
            pos++
            val out = StringBuilder()
            while (true) {
                if (pos >= text.length) fail("unexpected end of input")
                val c = text[pos]
                when {
                    c == '"' -> {
                        pos++
                        return out.toString()
                    }
                    c == '\\' -> escape(out)
                    c < ' ' -> fail("control character in a string")
                    c.isHighSurrogate() -> {
                        if (pos + 1 >= text.length || !text[pos + 1].isLowSurrogate()) fail("lone surrogate")
                        out.append(c).append(text[pos + 1])
                        pos += 2
                    }
                    c.isLowSurrogate() -> fail("lone surrogate")
                    else -> {
                        out.append(c)
                        pos++
                    }
                }
            }
        }

        /** One escape, at its backslash; a surrogate escape must be a high one and then a low one. */
        private fun escape(out: StringBuilder) {
            val backslash = pos
            pos++
            if (pos >= text.length) fail("unexpected end of input")
            when (text[pos]) {
                '"' -> out.append('"')
                '\\' -> out.append('\\')
                '/' -> out.append('/')
                'b' -> out.append('\b')
                'f' -> out.append('\u000C')
                'n' -> out.append('\n')
                'r' -> out.append('\r')
                't' -> out.append('\t')
                'u' -> {
                    pos++
                    val unit = hex4()
                    when {
                        unit.isHighSurrogate() -> {
                            if (pos >= text.length) fail("unexpected end of input")
                            if (text[pos] != '\\') loneAt(backslash)
                            pos++
                            if (pos >= text.length) fail("unexpected end of input")
                            if (text[pos] != 'u') loneAt(backslash)
                            pos++
                            val low = hex4()
                            if (!low.isLowSurrogate()) loneAt(backslash)
                            out.append(unit).append(low)
                        }
                        unit.isLowSurrogate() -> loneAt(backslash)
                        else -> out.append(unit)
                    }
                    return
                }
                else -> fail("invalid escape")
            }
            pos++
        }

        private fun loneAt(backslash: Int): Nothing {
            pos = backslash
            fail("lone surrogate")
        }

        /** The four hex digits of a `\u` escape (ASCII only). */
        private fun hex4(): Char {
            var code = 0
            repeat(4) {
                if (pos >= text.length) fail("unexpected end of input")
                val c = text[pos]
                val digit = when (c) {
                    in '0'..'9' -> c - '0'
                    in 'a'..'f' -> c - 'a' + 10
                    in 'A'..('A' + 5) -> c - 'A' + 10 // upper-case hex letters
                    else -> fail("invalid \\u escape")
                }
                code = code * 16 + digit
                pos++
            }
            return code.toChar()
        }

        private fun number(): Any {
            val start = pos
            if (peek() == '-') pos++
            when {
                pos >= text.length -> fail("unexpected end of input")
                text[pos] == '0' -> {
                    pos++
                    if (peek() in '0'..'9') fail("invalid number")
                }
                text[pos] in '1'..'9' -> while (peek() in '0'..'9') pos++
                else -> fail("invalid number")
            }
            var integer = true
            if (peek() == '.') {
                integer = false
                pos++
                if (pos >= text.length || text[pos] !in '0'..'9') failOrEnd("invalid number")
                while (peek() in '0'..'9') pos++
            }
            if (peek() == 'e' || peek() == 'E') {
                integer = false
                pos++
                if (peek() == '+' || peek() == '-') pos++
                if (pos >= text.length || text[pos] !in '0'..'9') failOrEnd("invalid number")
                while (peek() in '0'..'9') pos++
            }
            val literal = text.substring(start, pos)
            return if (integer) literal.toLongOrNull() ?: BigInteger(literal) else BigDecimal(literal)
        }
    }
}
