// The engine layer imports JavaScriptCore's C API: the system framework on Apple platforms, the
// Debian system library (through the CJavaScriptCore shim) elsewhere.
#if canImport(CJavaScriptCore)
@_exported public import CJavaScriptCore
#else
@_exported public import JavaScriptCore
#endif
