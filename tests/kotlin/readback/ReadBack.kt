// Prints what the generated Kotlin says for the real spec and the `escaping` fixture case, as
// JSON: `tests/tests/kotlin.rs` compares every string with the spec's own.
package antom.readback

import java.io.PrintStream

fun main() {
    val dumps = mapOf(
        "com.antom.callback" to antom.readback.real.dump(),
        "com.example.escaping" to antom.readback.escaping.dump(),
    )
    PrintStream(System.out, true, "UTF-8").println(com.antom.callback.Json.stringify(dumps))
}
