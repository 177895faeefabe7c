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

/**
 * What the spec says about an event code: an [EventCode]'s `info`, `null` for a code this version
 * does not know. Equal when every field is equal.
 */
class EventCodeInfo internal constructor(
    /** The code as sent on the wire. */
    val code: String,
    /** The group it belongs to. */
    val kind: EventKind,
    /** The callbacks that deliver it. */
    val callbacks: List<CallbackName>,
    /** What it means. */
    val description: String,
    /** The source cuts [description] off: show it as incomplete. */
    val descriptionTruncated: Boolean,
    /** What an integrator should do about it. */
    val action: Action,
    /** The payment outcome it reports, if it reports one. */
    val outcome: Outcome?,
    /** The object types that come with it. */
    val carries: List<String>,
    /** The `message` texts that come with it, as sent. */
    val messages: List<String>,
    /** Why it is deprecated and what replaces it; `null` when it is not deprecated. */
    val deprecated: Deprecation?,
) {
    override fun equals(other: Any?): Boolean =
        other is EventCodeInfo && other.code == code && other.kind == kind &&
            other.callbacks == callbacks && other.description == description &&
            other.descriptionTruncated == descriptionTruncated && other.action == action &&
            other.outcome == outcome && other.carries == carries && other.messages == messages &&
            other.deprecated == deprecated

    override fun hashCode(): Int =
        listOf(
            code, kind, callbacks, description, descriptionTruncated, action, outcome, carries,
            messages, deprecated,
        ).hashCode()

    override fun toString(): String =
        "EventCodeInfo(code=" + code + ", kind=" + kind + ", callbacks=" + callbacks +
            ", description=" + description + ", descriptionTruncated=" + descriptionTruncated +
            ", action=" + action + ", outcome=" + outcome + ", carries=" + carries +
            ", messages=" + messages + ", deprecated=" + deprecated + ")"
}

/**
 * What the spec says about a payment result code: a [PaymentResultCode]'s `info`, `null` for a
 * code this version does not know. Equal when every field is equal.
 */
class ResultCodeInfo internal constructor(
    /** The code as sent on the wire. */
    val code: String,
    /** The `paymentResultMessage`, word for word. */
    val message: String,
    /** The source cuts [message] off: show it as incomplete. */
    val messageTruncated: Boolean,
    /** How to handle it, in words. */
    val suggestion: String,
    /** The source cuts [suggestion] off: show it as incomplete. */
    val suggestionTruncated: Boolean,
    /** What an integrator should do about it. */
    val action: Action,
    /** The payment outcome it reports, if it reports one. */
    val outcome: Outcome?,
    /** Why it is deprecated and what replaces it; `null` when it is not deprecated. */
    val deprecated: Deprecation?,
) {
    override fun equals(other: Any?): Boolean =
        other is ResultCodeInfo && other.code == code && other.message == message &&
            other.messageTruncated == messageTruncated && other.suggestion == suggestion &&
            other.suggestionTruncated == suggestionTruncated && other.action == action &&
            other.outcome == outcome && other.deprecated == deprecated

    override fun hashCode(): Int =
        listOf(
            code, message, messageTruncated, suggestion, suggestionTruncated, action, outcome,
            deprecated,
        ).hashCode()

    override fun toString(): String =
        "ResultCodeInfo(code=" + code + ", message=" + message +
            ", messageTruncated=" + messageTruncated + ", suggestion=" + suggestion +
            ", suggestionTruncated=" + suggestionTruncated +
            ", action=" + action + ", outcome=" + outcome + ", deprecated=" + deprecated + ")"
}

/**
 * What the spec says about a value of one of its enumerations: the value's `info`, `null` for a
 * value this version does not know. Equal when every field is equal.
 */
class ValueInfo internal constructor(
    /** The value as sent on the wire. */
    val value: String,
    /** What it means, if the spec says. */
    val description: String?,
    /** The payment outcome it reports, if it reports one. */
    val outcome: Outcome?,
    /** Why it is deprecated and what replaces it; `null` when it is not deprecated. */
    val deprecated: Deprecation?,
) {
    override fun equals(other: Any?): Boolean =
        other is ValueInfo && other.value == value && other.description == description &&
            other.outcome == outcome && other.deprecated == deprecated

    override fun hashCode(): Int = listOf(value, description, outcome, deprecated).hashCode()

    override fun toString(): String =
        "ValueInfo(value=" + value + ", description=" + description + ", outcome=" + outcome +
            ", deprecated=" + deprecated + ")"
}
