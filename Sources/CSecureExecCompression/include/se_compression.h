#ifndef SE_COMPRESSION_H
#define SE_COMPRESSION_H

#include <stddef.h>
#include <stdint.h>

/// One zlib or brotli stream (deflate, inflate, gzip, gunzip, raw, unzip; brotli encode/decode).
/// Used by one thread at a time; every call is bounded by its output limit.
typedef struct se_codec se_codec;

enum {
    SE_DEFLATE = 1, SE_INFLATE = 2, SE_GZIP = 3, SE_GUNZIP = 4, SE_DEFLATERAW = 5, SE_INFLATERAW = 6,
    SE_UNZIP = 7, SE_BROTLI_ENCODE = 8, SE_BROTLI_DECODE = 9,
};

/// Whether this build has brotli.
int se_have_brotli(void);

/// A new stream. zlib modes use level, windowBits, memLevel and strategy; brotli modes take
/// their parameters with `se_codec_brotli_param` before the first `se_codec_process`.
/// Returns NULL and sets `*error` (a zlib or brotli code) on failure.
se_codec *se_codec_create(int mode, int level, int window_bits, int mem_level, int strategy, int *error);

/// Sets a preset dictionary (deflate before any data; inflate when asked for one).
int se_codec_set_dictionary(se_codec *codec, const uint8_t *bytes, size_t length);

/// Sets a brotli encoder or decoder parameter (BROTLI_PARAM_* / BROTLI_DECODER_PARAM_*).
int se_codec_brotli_param(se_codec *codec, int key, uint32_t value);

/// Processes `input` with `flush` (Z_NO_FLUSH … Z_FINISH, or a BROTLI_OPERATION_*). The output
/// goes to a buffer this call allocates (`*output`, free with `se_codec_free_output`), at most
/// `max_output` bytes: past that the call stops with `*truncated` = 1. Returns 0 on success
/// (Z_OK/Z_STREAM_END/Z_BUF_ERROR without progress are success), else a negative zlib code (or,
/// for brotli, the decoder's negative error code), with `*message` set to the library's text
/// (for brotli decoding: the error's name, such as `_ERROR_FORMAT_PADDING_2`).
int se_codec_process(se_codec *codec, const uint8_t *input, size_t input_length, int flush,
                     uint8_t **output, size_t *output_length, size_t max_output, int *truncated,
                     int *ended, const char **message);

/// Changes level and strategy of a deflate stream (zlib's deflateParams).
int se_codec_params(se_codec *codec, int level, int strategy);

/// Back to the state after creation (dictionary and parameters kept for zlib).
int se_codec_reset(se_codec *codec);

void se_codec_free_output(uint8_t *output);
void se_codec_destroy(se_codec *codec);

uint32_t se_crc32(uint32_t crc, const uint8_t *bytes, size_t length);

#endif
