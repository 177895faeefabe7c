// Prints what the generated Kotlin says for every spec that `tests/tests/kotlin.rs` compiles
// (their dump functions are written by that test, from the spec, into `antom.readback.cases`),
// as JSON: the test compares every string with the spec's own.
package antom.readback

import java.io.PrintStream

fun main() {
    PrintStream(System.out, true, "UTF-8").println(com.antom.callback.Json.stringify(antom.readback.cases.dumps()))
}
