// zlib and brotli streams for the guest's `zlib` module. They run where the engine runs (in the
// worker process by default): decompressing untrusted data never happens in the host.
#include "se_compression.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#if __has_include(<brotli/encode.h>) && __has_include(<brotli/decode.h>)
#include <brotli/decode.h>
#include <brotli/encode.h>
#define SE_BROTLI 1
#else
#define SE_BROTLI 0
#endif

struct se_codec {
    int mode;
    z_stream z;
    int z_ready;
    int level, window_bits, mem_level, strategy;
    uint8_t *dictionary;
    size_t dictionary_length;
#if SE_BROTLI
    BrotliEncoderState *encoder;
    BrotliDecoderState *decoder;
#endif
};

int se_have_brotli(void) { return SE_BROTLI; }

static int is_deflate(int mode) { return mode == SE_DEFLATE || mode == SE_GZIP || mode == SE_DEFLATERAW; }
static int is_zlib(int mode) { return mode >= SE_DEFLATE && mode <= SE_UNZIP; }

static int z_init(se_codec *c) {
    int bits = c->window_bits;
    switch (c->mode) {
    case SE_GZIP: case SE_GUNZIP: bits += 16; break;
    case SE_UNZIP: bits += 32; break;
    case SE_DEFLATERAW: case SE_INFLATERAW: bits = -bits; break;
    default: break;
    }
    memset(&c->z, 0, sizeof c->z);
    int ret = is_deflate(c->mode)
        ? deflateInit2(&c->z, c->level, Z_DEFLATED, bits, c->mem_level, c->strategy)
        : inflateInit2(&c->z, bits);
    if (ret != Z_OK) return ret;
    c->z_ready = 1;
    if (is_deflate(c->mode) && c->dictionary != NULL) {
        ret = deflateSetDictionary(&c->z, c->dictionary, (uInt)c->dictionary_length);
    } else if (c->mode == SE_INFLATERAW && c->dictionary != NULL) {
        ret = inflateSetDictionary(&c->z, c->dictionary, (uInt)c->dictionary_length);
    }
    return ret;
}

se_codec *se_codec_create(int mode, int level, int window_bits, int mem_level, int strategy, int *error) {
    se_codec *c = calloc(1, sizeof *c);
    if (c == NULL) { *error = Z_MEM_ERROR; return NULL; }
    c->mode = mode;
    c->level = level;
    c->window_bits = window_bits;
    c->mem_level = mem_level;
    c->strategy = strategy;
    if (is_zlib(mode)) {
        int ret = z_init(c);
        if (ret != Z_OK) { *error = ret; se_codec_destroy(c); return NULL; }
        return c;
    }
#if SE_BROTLI
    if (mode == SE_BROTLI_ENCODE) c->encoder = BrotliEncoderCreateInstance(NULL, NULL, NULL);
    if (mode == SE_BROTLI_DECODE) c->decoder = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    if (c->encoder != NULL || c->decoder != NULL) return c;
#endif
    *error = Z_STREAM_ERROR;
    free(c);
    return NULL;
}

int se_codec_set_dictionary(se_codec *c, const uint8_t *bytes, size_t length) {
    if (!is_zlib(c->mode)) return Z_STREAM_ERROR;
    free(c->dictionary);
    c->dictionary = malloc(length > 0 ? length : 1);
    if (c->dictionary == NULL) return Z_MEM_ERROR;
    memcpy(c->dictionary, bytes, length);
    c->dictionary_length = length;
    if (is_deflate(c->mode)) return deflateSetDictionary(&c->z, c->dictionary, (uInt)length);
    if (c->mode == SE_INFLATERAW) return inflateSetDictionary(&c->z, c->dictionary, (uInt)length);
    return Z_OK;  // inflate: set when the stream asks for it
}

int se_codec_brotli_param(se_codec *c, int key, uint32_t value) {
#if SE_BROTLI
    if (c->encoder != NULL) return BrotliEncoderSetParameter(c->encoder, (BrotliEncoderParameter)key, value) ? 0 : -1;
    if (c->decoder != NULL) return BrotliDecoderSetParameter(c->decoder, (BrotliDecoderParameter)key, value) ? 0 : -1;
#else
    (void)c; (void)key; (void)value;
#endif
    return -1;
}

/// Room for `more` bytes after `length` in `*buffer` (doubling, at most `limit` + 1 bytes).
static int reserve(uint8_t **buffer, size_t *capacity, size_t length, size_t more) {
    if (length + more <= *capacity) return 1;
    size_t next = *capacity == 0 ? 16384 : *capacity * 2;
    while (next < length + more) next *= 2;
    uint8_t *grown = realloc(*buffer, next);
    if (grown == NULL) return 0;
    *buffer = grown;
    *capacity = next;
    return 1;
}

static int z_process(se_codec *c, const uint8_t *input, size_t input_length, int flush, uint8_t **out,
                     size_t *out_length, size_t max_output, int *truncated, int *ended, const char **message) {
    size_t capacity = 0, length = 0;
    uint8_t *buffer = NULL;
    c->z.next_in = (Bytef *)input;
    c->z.avail_in = (uInt)input_length;
    int result = 0;
    for (;;) {
        if (length >= max_output) { *truncated = 1; break; }
        size_t chunk = max_output - length < 65536 ? max_output - length : 65536;
        if (!reserve(&buffer, &capacity, length, chunk)) { result = Z_MEM_ERROR; break; }
        c->z.next_out = buffer + length;
        c->z.avail_out = (uInt)chunk;
        int ret = is_deflate(c->mode) ? deflate(&c->z, flush) : inflate(&c->z, flush);
        length += chunk - c->z.avail_out;
        if (ret == Z_NEED_DICT) {
            if (c->dictionary == NULL) { result = Z_NEED_DICT; *message = "Missing dictionary"; break; }
            if (inflateSetDictionary(&c->z, c->dictionary, (uInt)c->dictionary_length) != Z_OK) {
                result = Z_NEED_DICT; *message = "Bad dictionary"; break;  // as Node reports it
            }
            continue;
        }
        if (ret == Z_STREAM_END) {
            // gunzip: a further gzip member starts right after this one.
            if (c->mode == SE_GUNZIP && c->z.avail_in >= 2 && c->z.next_in[0] == 0x1f && c->z.next_in[1] == 0x8b) {
                inflateReset(&c->z);
                continue;
            }
            *ended = 1;
            break;
        }
        if (ret == Z_BUF_ERROR) {
            if (c->z.avail_out != 0) break;  // no progress possible: needs more input
            continue;
        }
        if (ret != Z_OK) {
            result = ret;
            *message = c->z.msg != NULL ? c->z.msg : NULL;
            break;
        }
        if (c->z.avail_in == 0 && c->z.avail_out != 0) break;
    }
    *out = buffer;
    *out_length = length;
    return result;
}

#if SE_BROTLI
static int br_process(se_codec *c, const uint8_t *input, size_t input_length, int op, uint8_t **out,
                      size_t *out_length, size_t max_output, int *truncated, int *ended, const char **message) {
    size_t capacity = 0, length = 0;
    uint8_t *buffer = NULL;
    const uint8_t *next_in = input;
    size_t avail_in = input_length;
    int result = 0;
    for (;;) {
        if (length >= max_output) { *truncated = 1; break; }
        size_t chunk = max_output - length < 65536 ? max_output - length : 65536;
        if (!reserve(&buffer, &capacity, length, chunk)) { result = -1; *message = "out of memory"; break; }
        uint8_t *next_out = buffer + length;
        size_t avail_out = chunk;
        if (c->encoder != NULL) {
            if (!BrotliEncoderCompressStream(c->encoder, (BrotliEncoderOperation)op, &avail_in, &next_in, &avail_out, &next_out, NULL)) {
                result = -1; *message = "Compression failed"; length += chunk - avail_out; break;
            }
            length += chunk - avail_out;
            if (BrotliEncoderIsFinished(c->encoder)) { *ended = 1; break; }
            if (avail_in == 0 && !BrotliEncoderHasMoreOutput(c->encoder)) break;
        } else {
            BrotliDecoderResult r = BrotliDecoderDecompressStream(c->decoder, &avail_in, &next_in, &avail_out, &next_out, NULL);
            length += chunk - avail_out;
            if (r == BROTLI_DECODER_RESULT_ERROR) {
                BrotliDecoderErrorCode code = BrotliDecoderGetErrorCode(c->decoder);
                result = (int)code < 0 ? (int)code : -1;
                *message = BrotliDecoderErrorString(code);
                break;
            }
            if (r == BROTLI_DECODER_RESULT_SUCCESS) { *ended = 1; break; }
            if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) break;
        }
    }
    *out = buffer;
    *out_length = length;
    return result;
}
#endif

int se_codec_process(se_codec *c, const uint8_t *input, size_t input_length, int flush, uint8_t **output,
                     size_t *output_length, size_t max_output, int *truncated, int *ended, const char **message) {
    *output = NULL;
    *output_length = 0;
    *truncated = 0;
    *ended = 0;
    *message = NULL;
    if (is_zlib(c->mode)) return z_process(c, input, input_length, flush, output, output_length, max_output, truncated, ended, message);
#if SE_BROTLI
    return br_process(c, input, input_length, flush, output, output_length, max_output, truncated, ended, message);
#else
    return Z_STREAM_ERROR;
#endif
}

int se_codec_params(se_codec *c, int level, int strategy) {
    if (!is_deflate(c->mode)) return Z_STREAM_ERROR;
    c->level = level;
    c->strategy = strategy;
    return deflateParams(&c->z, level, strategy);
}

int se_codec_reset(se_codec *c) {
    if (is_zlib(c->mode)) {
        int ret = is_deflate(c->mode) ? deflateReset(&c->z) : inflateReset(&c->z);
        if (ret == Z_OK && is_deflate(c->mode) && c->dictionary != NULL) {
            ret = deflateSetDictionary(&c->z, c->dictionary, (uInt)c->dictionary_length);
        }
        return ret;
    }
#if SE_BROTLI
    if (c->encoder != NULL) { BrotliEncoderDestroyInstance(c->encoder); c->encoder = BrotliEncoderCreateInstance(NULL, NULL, NULL); }
    if (c->decoder != NULL) { BrotliDecoderDestroyInstance(c->decoder); c->decoder = BrotliDecoderCreateInstance(NULL, NULL, NULL); }
#endif
    return 0;
}

void se_codec_free_output(uint8_t *output) { free(output); }

void se_codec_destroy(se_codec *c) {
    if (c == NULL) return;
    if (c->z_ready) {
        if (is_deflate(c->mode)) deflateEnd(&c->z); else inflateEnd(&c->z);
    }
#if SE_BROTLI
    if (c->encoder != NULL) BrotliEncoderDestroyInstance(c->encoder);
    if (c->decoder != NULL) BrotliDecoderDestroyInstance(c->decoder);
#endif
    free(c->dictionary);
    free(c);
}

uint32_t se_crc32(uint32_t crc, const uint8_t *bytes, size_t length) {
    return (uint32_t)crc32(crc, bytes, (uInt)length);
}
