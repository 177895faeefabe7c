// The vocabulary in Objective-C: one `// api:` section per row of ARCHITECTURE.md's table, each
// using the row's Objective-C names (lookups by code; no validator). Compiled with the generated
// AMSCallback.m under -Wall -Wextra -Werror and run by `tests/tests/objc.rs`.

#import <Foundation/Foundation.h>
#import "AMSCallback.h"
#include <stdio.h>
#include <stdlib.h>

// Stops the program, naming its line (and so its row), when a row's promise does not hold.
#define CHECK(condition)                                                                 \
    do {                                                                                 \
        if (!(condition)) {                                                              \
            fprintf(stderr, "api.m:%d: check failed: %s\n", __LINE__, #condition);     \
            exit(1);                                                                     \
        }                                                                                \
    } while (0)

int main(void) {
    @autoreleasepool {
        AMSEventCode code = AMSEventCodes.sdkPaymentFail;
        AMSPaymentResultCode result = AMSPaymentResultCodes.invalidCard;

        // api: known?
        CHECK([AMSEventCodes isKnownCode:code] && ![AMSEventCodes isKnownCode:@"NOT_A_CODE"]);

        // api: canonical
        CHECK([[AMSEventCodes canonical:@"SDK_CALL_URL_ERROR"]
            isEqualToString:AMSEventCodes.sdkLaunchPaymentAppError]);

        // api: message
        CHECK([[AMSPaymentResultCodes messageForCode:result] length] > 0);

        // api: suggestion
        CHECK([[AMSPaymentResultCodes suggestionForCode:result] length] > 0);

        // api: action
        AMSAction action = [AMSPaymentResultCodes actionForCode:result];
        CHECK(action != nil && [AMSActions.allActions containsObject:action]);
        printf("%s %s\n", [action UTF8String], [[AMSEventCodes actionForCode:code] UTF8String]);

        // api: kind
        CHECK([[AMSEventCodes kindForCode:code] isEqualToString:AMSEventKinds.paymentResult]);

        // api: truncated flags
        printf("%d %d %d\n", [AMSPaymentResultCodes messageTruncatedForCode:result],
            [AMSPaymentResultCodes suggestionTruncatedForCode:result],
            [AMSEventCodes descriptionTruncatedForCode:code]);

        // api: spec version
        CHECK([AMSCallbackSpecVersion length] > 0);
    }
    return 0;
}
