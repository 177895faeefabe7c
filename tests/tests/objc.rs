//! The Objective-C target with clang and GNUstep's Foundation (or Apple's, on a Mac): the output
//! of the real spec, every fixture case and the random specs compiles with `-Wall -Wextra
//! -Werror` together with a read-back program, which prints every constant and lookup as JSON,
//! compared with the spec; a program shaped like the source page's iOS sample branches on the
//! codes; naming a deprecated constant or a code that does not exist fails to compile; the
//! output also passes `-fobjc-arc`'s checks against a small Foundation declaration; the
//! vocabulary program `tests/api/api.m` compiles and runs.
//!
//! `cargo xtask test` installs `clang` and `libgnustep-base-dev` with apt on Debian; without
//! them the checks say loudly that they are skipped (and fail under `ANTOM_REQUIRE_TOOLS`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use antom_codegen::Target;
use antom_codegen::ir::canonical;
use antom_codegen::names::{Lang, Role};
use antom_spec::{Deprecation, Spec};
use antom_tests::{fixture_cases, load_spec, random_spec, readback, repo_spec, tools};
use serde_json::{Value, json};

/// How to compile and link Objective-C against Foundation here.
struct Toolchain {
    clang: PathBuf,
    /// Flags before the sources.
    cflags: Vec<String>,
    /// Flags after them (libraries).
    libs: Vec<String>,
}

fn output(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {:?}: {e}", cmd.get_program()))
}

fn words(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter(|w| !matches!(*w, "-MMD" | "-MP"))
        .map(str::to_owned)
        .collect()
}

fn toolchain() -> Option<Toolchain> {
    let found = tools::require("Objective-C target", &["clang", "gnustep-config"])?;
    let [clang, gnustep] = <[PathBuf; 2]>::try_from(found).ok()?;
    let mut cflags = vec!["-fobjc-runtime=gcc".to_owned()];
    // GNUstep's headers include GCC's `objc/objc.h`.
    let gcc_include = output(Command::new("gcc").arg("-print-file-name=include"));
    cflags.push("-isystem".to_owned());
    cflags.push(
        String::from_utf8_lossy(&gcc_include.stdout)
            .trim()
            .to_owned(),
    );
    cflags.extend(words(&output(Command::new(&gnustep).arg("--objc-flags"))));
    cflags.extend(["-Wall", "-Wextra", "-Werror"].map(str::to_owned));
    let libs = words(&output(Command::new(&gnustep).arg("--base-libs")));
    Some(Toolchain {
        clang,
        cflags,
        libs,
    })
}

impl Toolchain {
    /// Compiles and links `sources` in `dir` into `dir/program`.
    fn build(&self, dir: &Path, sources: &[&str]) -> Output {
        output(
            Command::new(&self.clang)
                .current_dir(dir)
                .args(&self.cflags)
                .args(sources)
                .args(["-o", "program"])
                .args(&self.libs),
        )
    }

    fn build_ok(&self, dir: &Path, sources: &[&str]) {
        let out = self.build(dir, sources);
        assert!(
            out.status.success(),
            "{}: clang failed:\n{}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn run(&self, dir: &Path) -> String {
        let out = output(&mut Command::new(dir.join("program")));
        assert!(
            out.status.success(),
            "{}: the program failed: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }
}

fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Writes the target's files for `spec` into a fresh `dir`; returns the base name.
fn generate(spec: &Spec, dir: &Path) -> String {
    let _ = std::fs::remove_dir_all(dir);
    let mut base = None;
    for (_, files) in antom_codegen::generate(spec, &[Target::ObjC]).expect("renders") {
        for f in files {
            if let Some(stem) = f.path.strip_suffix(".h") {
                base = Some(stem.to_owned());
            }
            write(&dir.join(&f.path), &f.contents);
        }
    }
    base.expect("a header")
}

fn objc_name(wire: &str) -> String {
    Lang::ObjC.ident(Role::Variant, wire)
}

/// A C string literal of plain ASCII text made by this test (names and keys).
fn c_lit(s: &str) -> String {
    format!("@\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A program printing, as JSON, every constant of `spec` read through its class property and
/// every lookup, including lookups of a code no spec has.
fn readback_program(spec: &Spec, base: &str) -> String {
    let prefix = antom_codegen::settings::objc_prefix(&spec.package);
    let mut body = String::new();
    let mut add = |line: String| {
        body.push_str("    ");
        body.push_str(&line);
        body.push('\n');
    };
    add("NSMutableDictionary *out = [NSMutableDictionary dictionary];".into());
    add(format!(
        "[out setObject:{base}SpecVersion forKey:@\"version\"];"
    ));
    for (class, codes, event) in [
        (
            format!("{prefix}EventCodes"),
            spec.event_codes
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>(),
            true,
        ),
        (
            format!("{prefix}PaymentResultCodes"),
            spec.result_codes.iter().map(|c| c.code.as_str()).collect(),
            false,
        ),
    ] {
        let key = if event { "events" } else { "results" };
        add(format!(
            "NSMutableDictionary *{key} = [NSMutableDictionary dictionary];"
        ));
        add(format!("[out setObject:{key} forKey:@\"{key}\"];"));
        add(format!(
            "[out setObject:{class}.allCodes forKey:@\"{key}All\"];"
        ));
        add(format!(
            "[out setObject:[NSNumber numberWithBool:[{class} isKnownCode:@\"NOT_A_CODE_OF_ANY_SPEC\"]] forKey:@\"{key}KnowsUnknown\"];"
        ));
        add(format!(
            "[out setObject:[NSArray arrayWithObjects:[{class} canonical:@\"NOT_A_CODE_OF_ANY_SPEC\"], B([{class} {}TruncatedForCode:@\"NOT_A_CODE_OF_ANY_SPEC\"]), nil] forKey:@\"{key}Unknown\"];",
            if event { "description" } else { "suggestion" }
        ));
        for code in codes {
            let name = objc_name(code);
            let lookups = if event {
                format!(
                    "N([{class} descriptionForCode:v]), @\"description\", N([{class} actionForCode:v]), @\"action\", ActionName([{class} actionForCode:v]), @\"actionConstant\", N([{class} kindForCode:v]), @\"kind\", KindName([{class} kindForCode:v]), @\"kindConstant\", [{class} messagesForCode:v], @\"messages\", B([{class} descriptionTruncatedForCode:v]), @\"descriptionTruncated\","
                )
            } else {
                format!(
                    "N([{class} messageForCode:v]), @\"message\", N([{class} suggestionForCode:v]), @\"suggestion\", N([{class} actionForCode:v]), @\"action\", ActionName([{class} actionForCode:v]), @\"actionConstant\", B([{class} messageTruncatedForCode:v]), @\"messageTruncated\", B([{class} suggestionTruncatedForCode:v]), @\"suggestionTruncated\","
                )
            };
            add(format!(
                "{{ NSString *v = {class}.{name}; [{key} setObject:[NSDictionary dictionaryWithObjectsAndKeys:v, @\"value\", [NSNumber numberWithBool:[{class} isKnownCode:v]], @\"known\", {lookups} N([{class} replacementForCode:v]), @\"replacement\", [{class} canonical:v], @\"canonical\", nil] forKey:{}]; }}",
                c_lit(&name)
            ));
        }
    }
    // The typed constants of the kinds and actions, and the `nil` lookups of an unknown code.
    let actions: Vec<&str> = spec.actions.iter().map(|a| a.name.as_str()).collect();
    for (key, class, all, names) in [
        (
            "kinds",
            format!("{prefix}EventKinds"),
            "allKinds",
            &KINDS[..],
        ),
        (
            "actions",
            format!("{prefix}Actions"),
            "allActions",
            &actions[..],
        ),
    ] {
        let entries: String = names
            .iter()
            .map(|n| format!("{class}.{}, {}, ", objc_name(n), c_lit(&objc_name(n))))
            .collect();
        add(format!(
            "[out setObject:[NSDictionary dictionaryWithObjectsAndKeys:{entries}nil] forKey:@\"{key}\"];"
        ));
        add(format!(
            "[out setObject:{class}.{all} forKey:@\"{key}All\"];"
        ));
    }
    add(format!(
        "[out setObject:[NSArray arrayWithObjects:KindName([{prefix}EventCodes kindForCode:@\"NOT_A_CODE_OF_ANY_SPEC\"]), ActionName([{prefix}EventCodes actionForCode:@\"NOT_A_CODE_OF_ANY_SPEC\"]), ActionName([{prefix}PaymentResultCodes actionForCode:@\"NOT_A_CODE_OF_ANY_SPEC\"]), nil] forKey:@\"unknownConstants\"];"
    ));
    add("NSMutableDictionary *enums = [NSMutableDictionary dictionary];".into());
    add("[out setObject:enums forKey:@\"enums\"];".into());
    for e in &spec.enums {
        let class = format!("{prefix}{}Values", Lang::ObjC.ident(Role::Type, &e.name));
        add("{ NSMutableDictionary *values = [NSMutableDictionary dictionary];".into());
        for v in &e.values {
            let name = objc_name(&v.value);
            add(format!(
                "[values setObject:[NSArray arrayWithObjects:{class}.{name}, N([{class} descriptionForValue:{class}.{name}]), [{class} canonical:{class}.{name}], nil] forKey:{}];",
                c_lit(&name)
            ));
        }
        add(format!(
            "[enums setObject:[NSDictionary dictionaryWithObjectsAndKeys:values, @\"values\", {class}.allValues, @\"all\", [NSNumber numberWithBool:[{class} isKnownValue:@\"NOT_A_VALUE_OF_ANY_SPEC\"]], @\"knowsUnknown\", nil] forKey:{}]; }}",
            c_lit(&e.name)
        ));
    }
    add("NSMutableDictionary *objects = [NSMutableDictionary dictionary];".into());
    add("[out setObject:objects forKey:@\"objects\"];".into());
    for o in &spec.objects {
        let class = format!("{prefix}{}Fields", Lang::ObjC.ident(Role::Type, &o.name));
        add("{ NSMutableDictionary *fields = [NSMutableDictionary dictionary];".into());
        for f in &o.fields {
            let name = Lang::ObjC.ident(Role::Field, &f.name);
            let max = if f.max_length.is_some() {
                format!("[NSNumber numberWithUnsignedInteger:{class}.{name}MaxLength]")
            } else {
                "[NSNull null]".to_owned()
            };
            add(format!(
                "[fields setObject:[NSArray arrayWithObjects:{class}.{name}, {max}, nil] forKey:{}];",
                c_lit(&name)
            ));
        }
        add(format!(
            "[objects setObject:[NSDictionary dictionaryWithObjectsAndKeys:fields, @\"fields\", {class}.allFields, @\"all\", nil] forKey:{}]; }}",
            c_lit(&o.name)
        ));
    }
    let names = name_functions(spec);
    format!(
        "#import <Foundation/Foundation.h>\n#import \"{base}.h\"\n#include <stdio.h>\n#include <string.h>\n\nstatic id N(id value) {{ return value == nil ? (id)[NSNull null] : value; }}\nstatic id B(BOOL value) {{ return [NSNumber numberWithBool:value]; }}\n\n{names}{JSON_WRITER}\nint main(void) {{\n#pragma clang diagnostic push\n#pragma clang diagnostic ignored \"-Wdeprecated-declarations\"\n  @autoreleasepool {{\n{body}    J(out);\n  }}\n#pragma clang diagnostic pop\n  return 0;\n}}\n"
    )
}

/// The event kinds as the spec names them (`antom_spec::EventKind`).
const KINDS: [&str; 3] = ["status", "error", "payment_result"];

/// `KindName` and `ActionName`: the name of the typed constant (of `<prefix>EventKinds`,
/// `<prefix>Actions`) that a lookup's result is equal to, found by an `isEqualToString:` chain
/// over the constants; `NSNull` for `nil`.
fn name_functions(spec: &Spec) -> String {
    let prefix = antom_codegen::settings::objc_prefix(&spec.package);
    let actions: Vec<&str> = spec.actions.iter().map(|a| a.name.as_str()).collect();
    let mut out = String::new();
    for (function, ty, class, names) in [
        ("KindName", "EventKind", "EventKinds", &KINDS[..]),
        ("ActionName", "Action", "Actions", &actions[..]),
    ] {
        out.push_str(&format!(
            "static id {function}({prefix}{ty} _Nullable value) {{\n    if (value == nil) return [NSNull null];\n"
        ));
        for n in names {
            let name = objc_name(n);
            out.push_str(&format!(
                "    if ([value isEqualToString:{prefix}{class}.{name}]) return {};\n",
                c_lit(&name)
            ));
        }
        out.push_str("    return @\"<no constant>\";\n}\n\n");
    }
    out
}

/// JSON out of Foundation values, written here rather than trusted to the Foundation under test:
/// dictionaries, arrays, strings (escaped), numbers (booleans as `true`/`false`) and `NSNull`.
const JSON_WRITER: &str = r#"static void J(id v) {
    if (v == nil || [v isKindOfClass:[NSNull class]]) {
        printf("null");
    } else if ([v isKindOfClass:[NSDictionary class]]) {
        NSArray *keys = [[v allKeys] sortedArrayUsingSelector:@selector(compare:)];
        printf("{");
        for (NSUInteger i = 0; i < [keys count]; i++) {
            if (i > 0) printf(",");
            J([keys objectAtIndex:i]);
            printf(":");
            J([v objectForKey:[keys objectAtIndex:i]]);
        }
        printf("}");
    } else if ([v isKindOfClass:[NSArray class]]) {
        printf("[");
        for (NSUInteger i = 0; i < [v count]; i++) {
            if (i > 0) printf(",");
            J([v objectAtIndex:i]);
        }
        printf("]");
    } else if ([v isKindOfClass:[NSString class]]) {
        printf("\"");
        for (NSUInteger i = 0; i < [v length]; i++) {
            unichar c = [v characterAtIndex:i];
            if (c == '"' || c == '\\') printf("\\%c", (char)c);
            else if (c < 0x20 || c > 0x7e) printf("\\u%04x", (unsigned)c);
            else printf("%c", (char)c);
        }
        printf("\"");
    } else if ([v isKindOfClass:[NSNumber class]]) {
        if (strcmp([v objCType], @encode(BOOL)) == 0 || strcmp([v objCType], "c") == 0) fputs([v boolValue] ? "true" : "false", stdout);
        else printf("%llu", [v unsignedLongLongValue]);
    } else {
        printf("\"<unexpected %s>\"", [[v description] UTF8String]);
    }
}
"#;

/// What the read-back program prints of each code, in camelCase (see `antom_tests::readback`).
const EVENT_KEYS: &str = "value=code known description action kind messages replacement \
    canonical description_truncated";
const RESULT_KEYS: &str = "value=code known message suggestion action replacement canonical \
    message_truncated suggestion_truncated";

/// What the read-back program must print for `spec`: each record under its Objective-C name.
fn expected_readback(spec: &Spec) -> Value {
    let events: serde_json::Map<String, Value> = spec
        .event_codes
        .iter()
        .map(|c| {
            let facts = readback::event_code(spec, c);
            (
                objc_name(&c.code),
                with_constants(
                    readback::camel(readback::pick(&facts, EVENT_KEYS)),
                    &[("action", "actionConstant"), ("kind", "kindConstant")],
                ),
            )
        })
        .collect();
    let results: serde_json::Map<String, Value> = spec
        .result_codes
        .iter()
        .map(|c| {
            let facts = readback::result_code(spec, c);
            (
                objc_name(&c.code),
                with_constants(
                    readback::camel(readback::pick(&facts, RESULT_KEYS)),
                    &[("action", "actionConstant")],
                ),
            )
        })
        .collect();
    let enums: serde_json::Map<String, Value> = spec
        .enums
        .iter()
        .map(|e| {
            let values: serde_json::Map<String, Value> = e
                .values
                .iter()
                .map(|v| {
                    let facts = readback::enum_value(e, v);
                    let fact = |key: &str| facts[key].clone();
                    (
                        objc_name(&v.value),
                        json!([fact("value"), fact("description"), fact("canonical")]),
                    )
                })
                .collect();
            let all: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
            (
                e.name.clone(),
                json!({ "values": values, "all": all, "knowsUnknown": false }),
            )
        })
        .collect();
    let objects: serde_json::Map<String, Value> = spec
        .objects
        .iter()
        .map(|o| {
            let fields: serde_json::Map<String, Value> = o
                .fields
                .iter()
                .map(|f| {
                    (
                        Lang::ObjC.ident(Role::Field, &f.name),
                        json!([f.name, f.max_length]),
                    )
                })
                .collect();
            let all: Vec<&str> = o.fields.iter().map(|f| f.name.as_str()).collect();
            (o.name.clone(), json!({ "fields": fields, "all": all }))
        })
        .collect();
    let constants = |names: &[&str]| -> Value {
        names
            .iter()
            .map(|n| (objc_name(n), json!(n)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let actions: Vec<&str> = spec.actions.iter().map(|a| a.name.as_str()).collect();
    json!({
        "kinds": constants(&KINDS),
        "kindsAll": KINDS,
        "actions": constants(&actions),
        "actionsAll": actions,
        "unknownConstants": [null, null, null],
        "version": spec.package.version,
        "events": events,
        "eventsAll": spec.event_codes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
        "eventsKnowsUnknown": false,
        "eventsUnknown": ["NOT_A_CODE_OF_ANY_SPEC", false],
        "resultsUnknown": ["NOT_A_CODE_OF_ANY_SPEC", false],
        "results": results,
        "resultsAll": spec.result_codes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
        "resultsKnowsUnknown": false,
        "enums": enums,
        "objects": objects,
    })
}

/// A code's record with, for each `(key, constant_key)`, the name of the typed constant whose
/// value is the record's `key` (the Objective-C name of that value).
fn with_constants(record: Value, keys: &[(&str, &str)]) -> Value {
    let Value::Object(mut map) = record else {
        return record;
    };
    for (key, constant) in keys {
        let name = map.get(*key).and_then(Value::as_str).map(objc_name);
        map.insert((*constant).to_owned(), json!(name));
    }
    Value::Object(map)
}

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("objc")
        .join(name)
}

#[test]
fn every_spec_compiles_and_reads_back_as_the_spec() {
    let Some(tc) = toolchain() else { return };
    let mut specs = vec![("real".to_owned(), repo_spec())];
    for (name, dir) in fixture_cases() {
        specs.push((name, load_spec(&dir)));
    }
    specs.extend(random_spec::load_all());
    assert!(specs.len() > 20, "{} specs", specs.len());
    for (name, spec) in &specs {
        let dir = scratch(name);
        let base = generate(spec, &dir);
        write(&dir.join("readback.m"), &readback_program(spec, &base));
        tc.build_ok(&dir, &["readback.m", &format!("{base}.m")]);
        let printed: Value = serde_json::from_str(&tc.run(&dir))
            .unwrap_or_else(|e| panic!("{name}: the program's output is not JSON: {e}"));
        if name == "real" {
            // The flag of the one text that the real spec's source cuts off, and of one it does not.
            let flag = |code: &str| &printed["results"][objc_name(code)]["suggestionTruncated"];
            assert_eq!(flag("FRAUD_REJECT"), &json!(true));
            assert_eq!(flag("RISK_REJECT"), &json!(false));
        }
        let expected = expected_readback(spec);
        assert!(
            printed == expected,
            "{name}: read back differs from the spec\nprinted:  {printed}\nexpected: {expected}"
        );
    }
}

/// The source page's iOS sample: `onEventCallback:eventResult:` branching with
/// `isEqualToString:` on the codes, here printing what it would show.
#[test]
fn a_callback_shaped_like_the_ios_sample_branches_on_the_codes() {
    let Some(tc) = toolchain() else { return };
    let spec = repo_spec();
    let dir = scratch("ios-sample");
    let base = generate(&spec, &dir);
    let prefix = antom_codegen::settings::objc_prefix(&spec.package);
    let success = spec
        .event_codes
        .iter()
        .find(|c| {
            c.kind == antom_spec::EventKind::PaymentResult
                && c.outcome == Some(antom_spec::Outcome::Success)
        })
        .expect("a successful payment result code");
    let fail = spec
        .event_codes
        .iter()
        .find(|c| {
            c.kind == antom_spec::EventKind::PaymentResult
                && c.outcome == Some(antom_spec::Outcome::Failure)
        })
        .expect("a failed payment result code");
    let result = &spec
        .result_codes
        .iter()
        .find(|c| c.outcome == Some(antom_spec::Outcome::Failure))
        .expect("a failure result code");
    let program = format!(
        r#"#import <Foundation/Foundation.h>
#import "{base}.h"
#include <stdio.h>

@interface Merchant : NSObject
- (void)onEventCallback:(NSString *)eventCode eventResult:(nullable NSDictionary *)eventResult;
@end

@implementation Merchant
- (void)onEventCallback:(NSString *)eventCode eventResult:(nullable NSDictionary *)eventResult {{
    if ([eventCode isEqualToString:{prefix}EventCodes.{ok}]) {{
        printf("paid\n");
    }} else if ([eventCode isEqualToString:{prefix}EventCodes.{ko}]) {{
        NSString *resultCode = [eventResult objectForKey:@"paymentResultCode"];
        NSString *message = [{prefix}PaymentResultCodes messageForCode:resultCode];
        printf("failed: %s\n", message == nil ? "(unknown result code)" : [message UTF8String]);
    }} else if (![{prefix}EventCodes isKnownCode:eventCode]) {{
        printf("unknown: %s\n", [eventCode UTF8String]);
    }} else {{
        printf("%s: %s\n", [eventCode UTF8String], [[{prefix}EventCodes kindForCode:eventCode] UTF8String]);
    }}
}}
@end

int main(void) {{
    @autoreleasepool {{
        Merchant *merchant = [[Merchant alloc] init];
        [merchant onEventCallback:@"{ok_wire}" eventResult:nil];
        [merchant onEventCallback:@"{ko_wire}" eventResult:[NSDictionary dictionaryWithObject:@"{result_wire}" forKey:@"paymentResultCode"]];
        [merchant onEventCallback:@"{ko_wire}" eventResult:[NSDictionary dictionaryWithObject:@"NOT_A_RESULT_CODE" forKey:@"paymentResultCode"]];
        [merchant onEventCallback:@"SDK_NOT_A_CODE" eventResult:nil];
        [merchant onEventCallback:@"{other_wire}" eventResult:nil];
        [merchant release];
    }}
    return 0;
}}
"#,
        ok = objc_name(&success.code),
        ko = objc_name(&fail.code),
        ok_wire = success.code,
        ko_wire = fail.code,
        result_wire = result.code,
        other_wire = spec.event_codes[0].code,
    );
    write(&dir.join("sample.m"), &program);
    tc.build_ok(&dir, &["sample.m", &format!("{base}.m")]);
    let printed = tc.run(&dir);
    let expected = format!(
        "paid\nfailed: {}\nfailed: (unknown result code)\nunknown: SDK_NOT_A_CODE\n{}: {}\n",
        result.message,
        spec.event_codes[0].code,
        spec.event_codes[0].kind.as_str()
    );
    assert_eq!(printed, expected);
}

/// One `isEqualToString:` chain per code class and values class: over `[Class canonical:v]`, a
/// branch for every constant that is not deprecated (naming a deprecated one warns, an error under
/// `-Werror`), each answering the wire value it compares with.
fn chain_program(spec: &Spec, base: &str) -> String {
    let prefix = antom_codegen::settings::objc_prefix(&spec.package);
    let mut classes: Vec<(String, Vec<(&str, bool)>)> = vec![
        (
            format!("{prefix}EventCodes"),
            spec.event_codes
                .iter()
                .map(|c| (c.code.as_str(), c.deprecated.is_some()))
                .collect(),
        ),
        (
            format!("{prefix}PaymentResultCodes"),
            spec.result_codes
                .iter()
                .map(|c| (c.code.as_str(), c.deprecated.is_some()))
                .collect(),
        ),
    ];
    for e in &spec.enums {
        classes.push((
            format!("{prefix}{}Values", Lang::ObjC.ident(Role::Type, &e.name)),
            e.values
                .iter()
                .map(|v| (v.value.as_str(), v.deprecated.is_some()))
                .collect(),
        ));
    }
    let mut functions = String::new();
    let mut calls = String::new();
    for (i, (class, values)) in classes.iter().enumerate() {
        functions.push_str(&format!(
            "static NSString *Branch{i}(NSString *value) {{\n    NSString *c = [{class} canonical:value];\n    "
        ));
        for (wire, _) in values.iter().filter(|(_, deprecated)| !deprecated) {
            functions.push_str(&format!(
                "if ([c isEqualToString:{class}.{}]) {{\n        return {};\n    }} else ",
                objc_name(wire),
                objc_c_text(wire)
            ));
        }
        functions.push_str("{\n        return @\"(other)\";\n    }\n}\n\n");
        calls.push_str(&format!(
            "        {{ NSMutableDictionary *d = [NSMutableDictionary dictionary]; [out setObject:d forKey:@\"{class}\"];\n"
        ));
        for (wire, _) in values {
            let lit = objc_c_text(wire);
            calls.push_str(&format!(
                "          [d setObject:Branch{i}({lit}) forKey:{lit}];\n"
            ));
        }
        calls.push_str(&format!(
            "          [d setObject:Branch{i}(@\"NOT_A_VALUE_OF_ANY_SPEC\") forKey:@\"NOT_A_VALUE_OF_ANY_SPEC\"]; }}\n"
        ));
    }
    format!(
        "#import <Foundation/Foundation.h>\n#import \"{base}.h\"\n#include <stdio.h>\n#include <string.h>\n\n{JSON_WRITER}\n{functions}int main(void) {{\n    @autoreleasepool {{\n        NSMutableDictionary *out = [NSMutableDictionary dictionary];\n{calls}        J(out);\n    }}\n    return 0;\n}}\n"
    )
}

/// An Objective-C string literal of any text: non-ASCII and special characters as octal escapes
/// of their UTF-8 bytes.
fn objc_c_text(s: &str) -> String {
    let mut out = String::from("@\"");
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b' ' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("\\{b:03o}"));
        }
    }
    out.push('"');
    out
}

/// What the chain program prints: each value reaches the branch of the end of its chain of
/// replacements, read from the spec, or `(other)` when that is deprecated or unknown.
fn expected_chains(spec: &Spec) -> Value {
    let prefix = antom_codegen::settings::objc_prefix(&spec.package);
    let table = |values: Vec<(&str, Option<&Deprecation>)>| -> Value {
        let mut out = serde_json::Map::new();
        for (wire, _) in &values {
            let end = canonical(wire, |w| {
                let d = values.iter().find(|v| v.0 == w)?.1?;
                d.replaced_by.as_deref()
            });
            let deprecated = values.iter().any(|v| v.0 == end && v.1.is_some());
            out.insert(
                (*wire).to_owned(),
                json!(if deprecated { "(other)" } else { end }),
            );
        }
        out.insert("NOT_A_VALUE_OF_ANY_SPEC".to_owned(), json!("(other)"));
        Value::Object(out)
    };
    let mut out = serde_json::Map::new();
    out.insert(
        format!("{prefix}EventCodes"),
        table(
            spec.event_codes
                .iter()
                .map(|c| (c.code.as_str(), c.deprecated.as_ref()))
                .collect(),
        ),
    );
    out.insert(
        format!("{prefix}PaymentResultCodes"),
        table(
            spec.result_codes
                .iter()
                .map(|c| (c.code.as_str(), c.deprecated.as_ref()))
                .collect(),
        ),
    );
    for e in &spec.enums {
        out.insert(
            format!("{prefix}{}Values", Lang::ObjC.ident(Role::Type, &e.name)),
            table(
                e.values
                    .iter()
                    .map(|v| (v.value.as_str(), v.deprecated.as_ref()))
                    .collect(),
            ),
        );
    }
    Value::Object(out)
}

/// Every code and value in an `isEqualToString:` chain over `canonical:`, compiled with
/// `-Wall -Wextra -Werror` (deprecation warnings on) and run: a deprecated code reaches the
/// branch of its replacement without the program naming the deprecated constant.
#[test]
fn every_code_in_an_is_equal_to_string_chain_through_canonical() {
    let Some(tc) = toolchain() else { return };
    let mut specs = vec![("real".to_owned(), repo_spec())];
    for (name, dir) in fixture_cases() {
        specs.push((name, load_spec(&dir)));
    }
    let mut replaced = 0;
    for (name, spec) in &specs {
        let dir = scratch(&format!("chain-{name}"));
        let base = generate(spec, &dir);
        write(&dir.join("chain.m"), &chain_program(spec, &base));
        tc.build_ok(&dir, &["chain.m", &format!("{base}.m")]);
        let printed: Value = serde_json::from_str(&tc.run(&dir))
            .unwrap_or_else(|e| panic!("{name}: the program's output is not JSON: {e}"));
        let expected = expected_chains(spec);
        assert!(
            printed == expected,
            "{name}: the chains differ\nprinted:  {printed}\nexpected: {expected}"
        );
        replaced += spec
            .event_codes
            .iter()
            .filter(|c| {
                c.deprecated
                    .as_ref()
                    .is_some_and(|d| d.replaced_by.is_some())
            })
            .count();
    }
    assert!(replaced > 0, "some spec has a replaced event code");
}

/// The ```objc blocks of the generated README.
fn readme_snippets(dir: &Path) -> Vec<String> {
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("README.md");
    readme
        .split("```objc\n")
        .skip(1)
        .map(|b| format!("{}\n", b.split("\n```").next().unwrap_or_default()))
        .collect()
}

/// The README's snippets compile with `-Wall -Wextra -Werror` for every fixture; for the real
/// spec they run: a deprecated code reaches the branch of its replacement, and a result code
/// whose suggestion the source cuts off is shown as incomplete.
#[test]
fn the_readme_snippets_compile_and_run() {
    let Some(tc) = toolchain() else { return };
    let mut specs = vec![("real".to_owned(), repo_spec())];
    for (name, dir) in fixture_cases() {
        specs.push((name, load_spec(&dir)));
    }
    for (name, spec) in &specs {
        let dir = scratch(&format!("readme-{name}"));
        let base = generate(spec, &dir);
        let snippets = readme_snippets(&dir);
        assert!(snippets.len() >= 3, "{name}: {} snippets", snippets.len());
        let mut sources = vec![format!("{base}.m"), "main.m".to_owned()];
        for (i, s) in snippets.iter().enumerate() {
            write(&dir.join(format!("snippet_{i}.m")), s);
            sources.push(format!("snippet_{i}.m"));
        }
        let mut body = String::new();
        if name == "real" {
            let deprecated = spec
                .event_codes
                .iter()
                .find(|c| {
                    c.deprecated
                        .as_ref()
                        .is_some_and(|d| d.replaced_by.is_some())
                })
                .expect("a replaced event code");
            let truncated = spec
                .result_codes
                .iter()
                .find(|c| c.provenance.is_truncated("suggestion"))
                .expect("a cut suggestion");
            body = format!(
                "        printf(\"%d %d\\n\", handleEvent(@\"{}\"), handleEvent(@\"NOT_A_CODE\"));\n        printf(\"%s\\n\", [explainResult(@\"{}\") UTF8String]);\n",
                deprecated.code, truncated.code
            );
        }
        write(
            &dir.join("main.m"),
            &format!(
                "#import <Foundation/Foundation.h>\n#include <stdio.h>\nBOOL handleEvent(NSString *eventCode);\nNSString *explainResult(NSString *resultCode);\n\nint main(void) {{\n    @autoreleasepool {{\n{body}    }}\n    return 0;\n}}\n"
            ),
        );
        let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
        tc.build_ok(&dir, &sources);
        if name == "real" {
            let printed = tc.run(&dir);
            let truncated = spec
                .result_codes
                .iter()
                .find(|c| c.provenance.is_truncated("suggestion"))
                .expect("a cut suggestion");
            // The deprecated code reaches the branch of its replacement; an unknown code none.
            assert_eq!(
                printed,
                format!("1 0\n{}\n{} ...\n", truncated.message, truncated.suggestion)
            );
        }
    }
}

/// The compile check can fail: a deprecated constant named in user code is an error under
/// `-Werror` that names it, and a code the spec does not have does not compile.
#[test]
fn a_deprecated_or_misspelt_constant_does_not_compile() {
    let Some(tc) = toolchain() else { return };
    let spec = repo_spec();
    let dir = scratch("negative");
    let base = generate(&spec, &dir);
    let prefix = antom_codegen::settings::objc_prefix(&spec.package);
    let deprecated = spec
        .event_codes
        .iter()
        .find(|c| c.deprecated.is_some())
        .expect("the real spec has a deprecated event code");
    for (file, use_, expect) in [
        (
            "deprecated.m",
            format!("{prefix}EventCodes.{}", objc_name(&deprecated.code)),
            format!("'{}' is deprecated", objc_name(&deprecated.code)),
        ),
        (
            "misspelt.m",
            format!("{prefix}EventCodes.sdkPaymentSucessful"),
            "sdkPaymentSucessful".to_owned(),
        ),
    ] {
        write(
            &dir.join(file),
            &format!(
                "#import <Foundation/Foundation.h>\n#import \"{base}.h\"\n\nint main(void) {{\n    NSString *code = {use_};\n    return [code length] > 0 ? 0 : 1;\n}}\n"
            ),
        );
        let out = tc.build(&dir, &[file, &format!("{base}.m")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{file} compiled");
        assert!(stderr.contains(&expect), "{file}: {stderr}");
    }
}

/// A Foundation small enough to declare here, for `-fobjc-arc -fsyntax-only`: GNUstep's own
/// headers need a runtime with ARC support, which Debian's GCC runtime is not.
const ARC_FOUNDATION: &str = r#"#pragma once
#pragma clang assume_nonnull begin
typedef signed char BOOL;
#define YES ((BOOL)1)
#define NO ((BOOL)0)
typedef unsigned long NSUInteger;
#define NSNotFound ((NSUInteger)-1)
#define nil ((id)0)
@interface NSObject
+ (instancetype)alloc;
- (instancetype)init;
- (instancetype)retain;
@end
@interface NSString : NSObject
- (BOOL)isEqualToString:(NSString *)other;
@end
@interface NSArray<__covariant ObjectType> : NSObject
+ (instancetype)array;
+ (instancetype)arrayWithObjects:(const ObjectType _Nonnull [_Nullable])objects count:(NSUInteger)count;
@end
#pragma clang assume_nonnull end
"#;

#[test]
fn the_output_passes_arc_checks() {
    let Some(tc) = toolchain() else { return };
    let spec = repo_spec();
    let dir = scratch("arc");
    let base = generate(&spec, &dir);
    write(&dir.join("stub/Foundation/Foundation.h"), ARC_FOUNDATION);
    for (name, extra) in [
        ("generated", ""),
        (
            "broken on purpose",
            "static void leak(NSString *s) { [s retain]; }\n",
        ),
    ] {
        let source = dir.join("arc.m");
        write(
            &source,
            &format!(
                "{}{extra}",
                std::fs::read_to_string(dir.join(format!("{base}.m"))).expect("implementation")
            ),
        );
        let out = output(Command::new(&tc.clang).current_dir(&dir).args([
            "-fsyntax-only",
            "-fobjc-arc",
            "-fobjc-runtime=gnustep-2.0",
            "-nostdinc",
            "-Istub",
            "-I.",
            "-Wall",
            "-Wextra",
            "-Werror",
            "arc.m",
        ]));
        let stderr = String::from_utf8_lossy(&out.stderr);
        if extra.is_empty() {
            assert!(out.status.success(), "{name}: {stderr}");
        } else {
            assert!(
                !out.status.success() && stderr.contains("ARC forbids"),
                "{name}: {stderr}"
            );
        }
    }
}

/// The cross-language API test in Objective-C: `tests/api/api.m` uses every Objective-C name of
/// ARCHITECTURE.md's vocabulary table in its row's section, compiles with the real spec's output
/// under `-Wall -Wextra -Werror` (a failure names the row of each error) and runs.
#[test]
fn the_vocabulary_compiles_in_objective_c() {
    let path = antom_tests::repo_root().join("tests/api/api.m");
    let program =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let unused =
        antom_tests::api::unused_names("Objective-C", &program, &antom_tests::api::table());
    assert!(unused.is_empty(), "{}", unused.join("\n"));
    let Some(tc) = toolchain() else { return };
    let dir = scratch("api");
    let base = generate(&repo_spec(), &dir);
    write(&dir.join("api.m"), &program);
    let out = tc.build(&dir, &["api.m", &format!("{base}.m")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "clang failed:\n{}{stderr}",
        antom_tests::api::rows_of_errors("Objective-C", "api.m", &program, &stderr)
    );
    let run = output(&mut Command::new(dir.join("program")));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "the vocabulary program failed:\n{}{stderr}",
        antom_tests::api::rows_of_errors("Objective-C", "api.m", &program, &stderr)
    );
}
