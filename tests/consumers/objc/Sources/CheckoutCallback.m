#import "CheckoutCallback.h"
#import "AMSCallback.h"

@implementation CheckoutCallback

+ (NSString *)actionForEventCode:(NSString *)eventCode {
    NSString *code = [AMSEventCodes canonical:eventCode];
    if ([code isEqualToString:AMSEventCodes.sdkPaymentSuccessful]) {
        return @"redirect to the result page";
    } else if ([code isEqualToString:AMSEventCodes.sdkPaymentProcessing]) {
        return @"wait for the payment result notification";
    } else if ([code isEqualToString:AMSEventCodes.sdkPaymentFail]) {
        return @"show the result code's message";
    } else if ([code isEqualToString:AMSEventCodes.sdkLaunchPaymentAppError]) {
        return @"check the redirection";
    } else if (![AMSEventCodes isKnownCode:code]) {
        return @"log a code this version does not know";
    }
    return @"log it";
}

+ (NSString *)explainResultCode:(NSString *)resultCode {
    NSString *message = [AMSPaymentResultCodes messageForCode:resultCode];
    NSString *suggestion = [AMSPaymentResultCodes suggestionForCode:resultCode];
    if (message == nil || suggestion == nil) {
        return @"a result code this version does not know";
    }
    if ([AMSPaymentResultCodes suggestionTruncatedForCode:resultCode]) {
        suggestion = [suggestion stringByAppendingString:@" (cut off)"];
    }
    return [NSString stringWithFormat:@"message: %@\nsuggestion: %@", message, suggestion];
}

+ (BOOL)cardNumberFitsInResult:(NSDictionary *)cardPaymentResultInfo {
    id cardNo = [cardPaymentResultInfo objectForKey:AMSCardPaymentResultInfoFields.cardNo];
    return [cardNo isKindOfClass:[NSString class]]
        && [(NSString *)cardNo length] <= AMSCardPaymentResultInfoFields.cardNoMaxLength;
}

@end
