// Runs the delegate on the callbacks of the source page's iOS flow and prints what it decides.
#import <Foundation/Foundation.h>
#include <stdio.h>
#import "AMSCallback.h"
#import "CheckoutCallback.h"

static void say(NSString *line) {
    printf("%s\n", [line UTF8String]);
}

int main(void) {
    @autoreleasepool {
        say([NSString stringWithFormat:@"spec version: %@", AMSCallbackSpecVersion]);
        NSArray *codes = [NSArray arrayWithObjects:@"SDK_PAYMENT_SUCCESSFUL", @"SDK_PAYMENT_FAIL",
                          @"SDK_CALL_URL_ERROR", @"SDK_SOMETHING_NEW", nil];
        for (NSString *code in codes) {
            say([NSString stringWithFormat:@"on %@: %@", code, [CheckoutCallback actionForEventCode:code]]);
        }
        say([CheckoutCallback explainResultCode:@"FRAUD_REJECT"]);
        say([CheckoutCallback explainResultCode:@"SOMETHING_NEW"]);
        NSDictionary *masked = [NSDictionary dictionaryWithObject:@"************1111"
                                                           forKey:AMSCardPaymentResultInfoFields.cardNo];
        say([NSString stringWithFormat:@"card number fits: %@",
             [CheckoutCallback cardNumberFitsInResult:masked] ? @"yes" : @"no"]);
    }
    return 0;
}
