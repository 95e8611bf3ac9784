// Types from the bridge module that are part of SecureExec's public API.
@_exported public import enum SecureExecBridge.JSONValue
@_exported public import struct SecureExecBridge.JSONParseError
