// What the spec says about codes and values: outcomes, kinds, deprecations.

import Foundation

/// What a value says about the payment, where it says anything.
public enum Outcome: String, Hashable, Sendable, Codable {
    case success
    case failure
    case processing
}

/// The kind of an event code.
public enum EventKind: String, Hashable, Sendable, Codable {
    /// Reported during the component's runtime lifecycle.
    case status
    /// An error, mainly during component initialization.
    case error
    /// The end of the payment process.
    case paymentResult = "payment_result"
}

/// Why a value is deprecated, and what replaces it.
public struct Deprecation: Hashable, Sendable {
    /// The wire value that replaces it, if any.
    public let replacedBy: String?
    public let note: String
}

/// What the spec says about an event code.
public struct EventCodeInfo: Hashable, Sendable {
    public let code: String
    public let kind: EventKind
    /// The callbacks that deliver it.
    public let callbacks: [CallbackName]
    public let description: String
    /// The source cuts this text off; show it as incomplete.
    public let descriptionTruncated: Bool
    /// What an integrator should do about it.
    public let action: Action
    public let outcome: Outcome?
    /// The object types that come with it.
    public let carries: [String]
    /// The messages that come with it, as sent.
    public let messages: [String]
    public let deprecated: Deprecation?
}

/// What the spec says about a payment result code.
public struct ResultCodeInfo: Hashable, Sendable {
    public let code: String
    /// The `paymentResultMessage`, word for word.
    public let message: String
    /// The source cuts the message off; show it as incomplete.
    public let messageTruncated: Bool
    /// How to handle it.
    public let suggestion: String
    /// The source cuts the suggestion off; show it as incomplete.
    public let suggestionTruncated: Bool
    /// What an integrator should do about it.
    public let action: Action
    public let outcome: Outcome?
    public let deprecated: Deprecation?
}

/// What the spec says about a value of an enumeration.
public struct ValueInfo: Hashable, Sendable {
    public let value: String
    public let description: String?
    public let outcome: Outcome?
    public let deprecated: Deprecation?
}
