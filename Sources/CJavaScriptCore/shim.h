// JavaScriptCore's public C API plus the exported-but-private entry points SecureExec uses.
// Every declaration below was checked against libjavascriptcoregtk-4.1 2.50.6 (Debian 12); the
// C++ symbols (mangled names) are tied to that build and must be re-verified on each upgrade.
#ifndef SECUREEXEC_CJAVASCRIPTCORE_SHIM_H
#define SECUREEXEC_CJAVASCRIPTCORE_SHIM_H

#include <JavaScriptCore/JavaScript.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// JSContextRefPrivate.h
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);
void JSContextGroupSetExecutionTimeLimit(JSContextGroupRef group, double limit,
                                         JSShouldTerminateCallback callback, void *context);
void JSContextGroupClearExecutionTimeLimit(JSContextGroupRef group);
void JSGlobalContextSetUnhandledRejectionCallback(JSGlobalContextRef ctx, JSObjectRef function,
                                                  JSValueRef *exception);
void JSGlobalContextSetEvalEnabled(JSGlobalContextRef ctx, bool enabled, JSStringRef message);
void JSLock(JSContextRef ctx);
void JSUnlock(JSContextRef ctx);

// JSBasePrivate.h
void JSReportExtraMemoryCost(JSContextRef ctx, size_t size);
void JSSynchronousGarbageCollectForDebugging(JSContextRef ctx);
bool JSConfigureSignalForGC(int signal);

// JSScriptRefPrivate.h
typedef struct OpaqueJSScript *JSScriptRef;
JSScriptRef JSScriptCreateFromString(JSContextGroupRef group, JSStringRef url, int startingLineNumber,
                                     JSStringRef source, JSStringRef *errorMessage, int *errorLine);
void JSScriptRelease(JSScriptRef script);
JSValueRef JSScriptEvaluate(JSContextRef ctx, JSScriptRef script, JSValueRef thisValue,
                            JSValueRef *exception);

// GLib options API (jsc/JSCOptions.h); only valid before the first VM is created.
int jsc_options_set_boolean(const char *option, int value);
int jsc_options_set_uint(const char *option, unsigned value);

// C++: void WTF::releaseFastMallocFreeMemory(): the engine's allocator returns its free pages.
void _ZN3WTF27releaseFastMallocFreeMemoryEv(void);

// C++: void JSC::VM::drainMicrotasks(). The VM* is the JSContextGroupRef.
void _ZN3JSC2VM15drainMicrotasksEv(void *vm);
// C++: size_t JSC::Heap::capacity(). Heap* = (char *)VM* + offset (0xc0 in 2.50.6).
size_t _ZN3JSC4Heap8capacityEv(void *heap);

static inline void sejsc_drain_microtasks(JSContextGroupRef group) {
    _ZN3JSC2VM15drainMicrotasksEv((void *)group);
}

#ifdef __cplusplus
}
#endif
#endif
