/** Where a payment stands, as far as one code or value tells. */
enum class Outcome(
    /** The spec's name: `success`, `failure` or `processing`. */
    val value: String,
) {
    /** The payment succeeded. */
    SUCCESS("success"),

    /** The payment failed. */
    FAILURE("failure"),

    /** The payment is still being processed. */
    PROCESSING("processing"),
    ;

    override fun toString(): String = value
}

/** The group an event code belongs to. */
enum class EventKind(
    /** The spec's name: `status`, `error` or `payment_result`. */
    val value: String,
) {
    /** Returned during the component's runtime lifecycle. */
    STATUS("status"),

    /** Returned when something fails, mostly during initialization. */
    ERROR("error"),

    /** Returned at the end of the payment process. */
    PAYMENT_RESULT("payment_result"),
    ;

    override fun toString(): String = value
}

/** A deprecation notice, as data: the same text is on the `@Deprecated` annotation. */
class Deprecation(
    /** The value to use instead, if any. */
    val replacedBy: String?,
    /** Why, and what to do instead. */
    val note: String,
) {
    override fun equals(other: Any?): Boolean =
        other is Deprecation && other.replacedBy == replacedBy && other.note == note

    override fun hashCode(): Int = listOf(replacedBy, note).hashCode()

    override fun toString(): String = "Deprecation(replacedBy=" + replacedBy + ", note=" + note + ")"
}
