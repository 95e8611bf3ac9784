'use strict';

// IDNA for `url`: the host parser, domainToASCII/domainToUnicode and the legacy url.parse().
// (The deprecated `punycode` module keeps its own, different, punycode.js semantics.)
//
// Node 22 gets this from Ada 2.9.2 (ada::idna), which implements UTS #46 "ToASCII" with the
// URL Standard's flags: CheckHyphens=false, CheckBidi=true, CheckJoiners=true,
// UseSTD3ASCIIRules=false, Transitional_Processing=false, VerifyDnsLength=false. We follow the
// same steps and the same observable quirks:
//   - map every code point (UTS #46 15.0 mapping table), then NFC-normalise the whole string;
//   - split on '.'; a label starting with "xn--" must decode as Punycode to a label that is
//     already mapped, NFC and valid; any other non-ASCII label must be valid and is encoded;
//   - label validity: no leading combining mark; ZWNJ/ZWJ (ContextJ) and the RFC 5893 Bidi
//     rule, evaluated per label the way Ada does (see isLabelValid);
//   - any failure makes the whole result the empty string.
//
// Data. Rather than embedding the whole mapping table, most of it is computed: for nearly every
// code point the UTS #46 mapping equals NFKC, then per-code-point lowercase, then NFKC again
// (String.prototype.normalize / toLowerCase). The tables below hold only what that does not
// cover: ignored and disallowed code points (including those unassigned in Unicode 15.0) and the
// ~250 code points whose mapping differs (Cherokee, final sigma, U+1E9E, ...). The validity
// data matches what Ada uses: Bidi classes, General_Category=Mark and viramas (canonical
// combining class 9) from Unicode 13.0 (X = a class the rules never allow, including code points
// unassigned in 13.0); Arabic joining types come from Unicode 15.0. All tables were generated
// offline from the Unicode data files and are run-length encoded as "<length in base 36><class>"
// sequences starting at U+0000.
//
// Known differences: Ada's joining-type table is partial, so a ZWNJ next to some Arabic
// Supplement / Syriac / NKo letters may be judged differently; engines whose Unicode data
// predates 15.0 compute NFKC/lowercase of very new characters differently.

// UTS #46 mapping: ',' = computed (valid, deviation or mapped as NFKC/lowercase gives), ';' =
// ignored, '!' = disallowed, ':' = one code point mapped to the next MAP_EXPLICIT entry.
const MAP_RUNS =
  '3k,w!d,1;if,1:9,1;14,2!1:5,4!7,1!1,1!k,1!27,1:5p,1!33,1!12,2!1e,2!3,1!1j,8!r,4!6,h!m,1!5c,1!1c,2' +
  '!1n,2!2t,e!1n,2!1d,2!f,1!s,2!1,1!b,5!v,9!22,1!4h,1!8,2!2,2!m,1!7,1!1,3!4,2!9,2!2,2!4,8!1,4!2,1!5' +
  ',2!p,2!3,1!6,4!2,2!m,1!7,1!2,1!2,1!2,2!1,1!5,4!2,2!3,3!1,7!4,1!1,7!h,a!3,1!9,1!3,1!m,1!7,1!2,1!5' +
  ',2!a,1!3,1!3,2!1,f!4,2!c,7!7,1!3,1!8,2!2,2!m,1!7,1!2,1!5,2!9,2!2,2!3,7!3,4!2,1!5,2!i,a!2,1!6,3!3' +
  ',1!4,3!2,1!1,1!2,3!2,3!3,3!c,4!5,3!3,1!4,2!1,6!1,e!l,5!d,1!3,1!n,1!g,2!9,1!3,1!4,7!2,1!3,2!1,2!4' +
  ',2!a,7!m,1!3,1!n,1!a,1!5,2!9,1!3,1!4,7!2,6!2,1!4,2!a,1!3,c!d,1!3,1!1f,1!3,1!6,4!g,2!q,1!3,1!i,3!' +
  'o,1!9,1!1,2!7,3!1,4!6,1!1,1!8,6!a,2!3,c!1m,4!t,11!2,1!1,1!5,1!o,1!1,1!n,2!5,1!1,1!7,1!a,2!4,w!20' +
  ',1!10,4!13,1!10,1!f,1!d,11!4g,13!1,5!1,2!3z,2!6g,1!4,2!7,1!1,1!4,2!15,1!4,2!x,1!4,2!7,1!1,1!4,2!' +
  'f,1!1l,1!4,2!1v,2!w,3!q,6!1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:' +
  '1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:' +
  '1:1:1:2!1:1:1:1:1:1:2!hs,1!s,3!2h,7!m,9!o,9!k,c!d,1!3,1!2,c!1g,2!14,2!a,6!a,6!6,1!4,3;1!1;a,6!2h' +
  ',7!17,5!1y,a!v,1!c,4!c,4!1,3!16,2!5,b!18,4!q,6!b,3!1q,2!1t,1!t,2!b,6!a,6!e,2!v,1d!25,3!1b,1!38,8' +
  '!1o,3!f,3!1f,1:1:1:1:1:1:1:1:1:7!17,2!b,8!17,5!bi,1:3b,2!6,2!12,2!6,2!8,1!1,1!1,1!1,1!v,2!1:1:1:' +
  '1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:2,1:1:' +
  '1:1!1,1:4,1:5,1:1:1:1!1,1:4,1:7,2!6,1!j,2!1:1:1:1!1,1:4,1:2,1!b,1;2,2!k,3!1,7!1d,1;3!1;b!2,2!r,1' +
  '!d,3!x,f!x,f!1e,1!28,1!8,4!if,p!b,l!14,k!1co,2!w,1!9p,5!19,1!1,5!1,2!1k,7!2,e!o,9!7,1!7,1!7,1!7,' +
  '1!7,1!7,1!7,1!7,1!3i,y!q,1!2h,c!5y,16!2,1:1p,1!2e,2!2v,5!17,1!1f,1!16,1!2c,c!1b,1!bm,1!4,1!g,1!m' +
  '9g,3!1j,9!9o,k!54,8!5n,5!2,1!1,1!5,o!1n,3!a,6!1k,8!1y,8!c,6!38,b!u,3!26,1!b,4!x,1!1j,9!e,2!a,2!2' +
  'v,o!s,a!6,2!6,2!6,9!7,1!7,1!1o,4!1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1' +
  ':1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1' +
  ':1a,2!a,6!8mc,c!n,4!1d,6is!a6,2!2y,12!7,c!5,5!q,1!5,1!1,1!2,1!2,1!3h,g!cd,2!1i,7!1,w!g,g;2,1!6,7' +
  '!g,1!x,2!j,1!4,4!5,1!3r,2!1;1!2o,1:1q,1!u,3!6,2!6,2!6,2!3,3!7,1!7,h!c,1!q,1!j,1!2,1!f,2!e,y!3f,5' +
  '!3,4!19,3!2g,1!d,3!1,1b!1a,3m!t,3!1d,f!s,4!10,9!u,5!17,5!u,1!11,4!e,16!4e,2!a,6!10,4!10,4!14,8!1' +
  'g,b!c,1!f,1!7,1!2,1!b,1!f,1!7,1!2,1v!8n,9!m,a!8,o!6,1!16,1!9,1x!6,2!1,1!18,1!2,3!1,2!n,1!20,8!9,' +
  '1c!j,1!2,5!x,3!r,5!1,1s!1k,4!k,2!1e,1!2,5!8,1!3,1!t,2!3,4!a,7!9,7!1s,w!13,4!c,9!1i,3!t,2!r,5!q,7' +
  '!4,c!7,28!21,1j!1f,d!1f,7!1a,8!a,86!v,1!16,1!3,2!2,23!17,8!16,m!q,12!s,k!n,9!26,4!10,9!1q,1!5,d!' +
  'p,7!a,6!1h,1!i,8!13,9!2o,1!k,b!i,1!1b,1q!7,1!1,1!4,1!f,1!b,6!1n,5!a,6!4,1!8,2!2,2!m,1!7,1!2,1!5,' +
  '1!a,2!2,2!3,2!1,6!1,5!7,2!7,3!5,3v!2k,1!5,u!20,8!a,4m!1i,2!12,y!1x,b!a,6!d,j!1m,6!a,1i!r,2!f,4!n' +
  ',55!1o,2s!2b,c!8,2!1,2!8,1!2,1!u,1!2,2!c,9!a,1y!8,2!1a,2!b,r!20,8!2b,d!21,7!a,6u!9,1!19,1!e,a!t,' +
  '3!w,2!m,1!e,21!7,1!2,1!18,3!1,1!2,1!9,8!a,6!6,1!2,1!11,1!2,1!6,7!a,8m!p,7!h,1!15,3!s,2e!1,f!1e,d' +
  '!pn,2u!33,1!5,b!5g,218!2r,d!ts,g!m,33e!g7,6nt!ft,7!v,1!a,4!29,1!a,6!u,2!6,a!1y,a!a,1!7,1!l,5!j,j' +
  '4!2j,2t!23,4!1l,7!h,1s!5,b!2,e!4qg,8!ye,16!9,6w7!4,1!7,1!2,1!83,f!1,t!3,2!1,e!4,8!b0,1s4!2z,5!d,' +
  '3!9,7!a,2!4,4;3mk!1a,2!n,9!38,1o!6u,a!13,2!22,8!34,l!1y,3e!k,c!k,c!2f,9!p,3r!2d,1!1z,1!2,2!1,2!2' +
  ',2!4,1!c,1!1,1!7,1!1t,1!4,2!8,1!7,1!s,1!4,1!5,1!1,3!7,1!9g,2!17,1:1l,1:1l,1:1l,1:1l,1:g,2!ji,f!5' +
  ',1!f,uo!v,6!6,5x!7,1!h,2!7,1!2,1!5,5!1q,x!1,34!19,3!e,2!a,4!2,8w!v,h!1m,5!1,cw!16,km!7,1!4,1!2,1' +
  '!f,1!5h,2!g,15!24,4!a,4!2,lt!1w,24!1p,5e!4,1!r,1!2,1!1,2!1,1!a,1!4,1!1,1!1,6!1,4!1,1!1,1!1,1!3,1' +
  '!2,1!1,2!1,1!1,1!1,1!1,1!1,1!2,1!1,2!4,1!7,1!4,1!4,1!1,1!a,1!h,5!3,1!5,1!h,1g!2,7i!18,4!2s,c!f,2' +
  '!f,1!f,1!11,b!4t,1k!t,d!18,4!9,7!2,e!6,4a!rc,4!h,3!d,3!3b,4!2n,6!c,4!1,f!c,4!1k,8!a,6!14,8!u,2!2' +
  ',26!9g,c!e,2!d,3!9,7!1a,1!7,8!e,4!9,7!9,7!43,1!1j,11!a,sm!wyo,w!37e,6!66,2!4g2,e!5rl,2e7!2w,1!b,' +
  '1!4q,1!1r,1!2n,1!2m,15u!3t7,5!38g,f9e8!6o;47bk!';

// Mappings of the ':' code points, in code point order, separated by '|'.
const MAP_EXPLICIT =
  '\u03b9| \u03b9|\u03c3|\u13a0|\u13a1|\u13a2|\u13a3|\u13a4|\u13a5|\u13a6|\u13a7|\u13a8|\u13a9|' +
  '\u13aa|\u13ab|\u13ac|\u13ad|\u13ae|\u13af|\u13b0|\u13b1|\u13b2|\u13b3|\u13b4|\u13b5|\u13b6|' +
  '\u13b7|\u13b8|\u13b9|\u13ba|\u13bb|\u13bc|\u13bd|\u13be|\u13bf|\u13c0|\u13c1|\u13c2|\u13c3|' +
  '\u13c4|\u13c5|\u13c6|\u13c7|\u13c8|\u13c9|\u13ca|\u13cb|\u13cc|\u13cd|\u13ce|\u13cf|\u13d0|' +
  '\u13d1|\u13d2|\u13d3|\u13d4|\u13d5|\u13d6|\u13d7|\u13d8|\u13d9|\u13da|\u13db|\u13dc|\u13dd|' +
  '\u13de|\u13df|\u13e0|\u13e1|\u13e2|\u13e3|\u13e4|\u13e5|\u13e6|\u13e7|\u13e8|\u13e9|\u13ea|' +
  '\u13eb|\u13ec|\u13ed|\u13ee|\u13ef|\u13f0|\u13f1|\u13f2|\u13f3|\u13f4|\u13f5|\u13f0|\u13f1|' +
  '\u13f2|\u13f3|\u13f4|\u13f5|\u0432|\u0434|\u043e|\u0441|\u0442|\u0442|\u044a|\u0463|\ua64b|ss|' +
  '\u1f00\u03b9|\u1f01\u03b9|\u1f02\u03b9|\u1f03\u03b9|\u1f04\u03b9|\u1f05\u03b9|\u1f06\u03b9|' +
  '\u1f07\u03b9|\u1f00\u03b9|\u1f01\u03b9|\u1f02\u03b9|\u1f03\u03b9|\u1f04\u03b9|\u1f05\u03b9|' +
  '\u1f06\u03b9|\u1f07\u03b9|\u1f20\u03b9|\u1f21\u03b9|\u1f22\u03b9|\u1f23\u03b9|\u1f24\u03b9|' +
  '\u1f25\u03b9|\u1f26\u03b9|\u1f27\u03b9|\u1f20\u03b9|\u1f21\u03b9|\u1f22\u03b9|\u1f23\u03b9|' +
  '\u1f24\u03b9|\u1f25\u03b9|\u1f26\u03b9|\u1f27\u03b9|\u1f60\u03b9|\u1f61\u03b9|\u1f62\u03b9|' +
  '\u1f63\u03b9|\u1f64\u03b9|\u1f65\u03b9|\u1f66\u03b9|\u1f67\u03b9|\u1f60\u03b9|\u1f61\u03b9|' +
  '\u1f62\u03b9|\u1f63\u03b9|\u1f64\u03b9|\u1f65\u03b9|\u1f66\u03b9|\u1f67\u03b9|\u1f70\u03b9|' +
  '\u03b1\u03b9|\u03ac\u03b9|\u1fb6\u03b9|\u03b1\u03b9|\u1f74\u03b9|\u03b7\u03b9|\u03ae\u03b9|' +
  '\u1fc6\u03b9|\u03b7\u03b9|\u1f7c\u03b9|\u03c9\u03b9|\u03ce\u03b9|\u1ff6\u03b9|\u03c9\u03b9|.|' +
  '\u13a0|\u13a1|\u13a2|\u13a3|\u13a4|\u13a5|\u13a6|\u13a7|\u13a8|\u13a9|\u13aa|\u13ab|\u13ac|' +
  '\u13ad|\u13ae|\u13af|\u13b0|\u13b1|\u13b2|\u13b3|\u13b4|\u13b5|\u13b6|\u13b7|\u13b8|\u13b9|' +
  '\u13ba|\u13bb|\u13bc|\u13bd|\u13be|\u13bf|\u13c0|\u13c1|\u13c2|\u13c3|\u13c4|\u13c5|\u13c6|' +
  '\u13c7|\u13c8|\u13c9|\u13ca|\u13cb|\u13cc|\u13cd|\u13ce|\u13cf|\u13d0|\u13d1|\u13d2|\u13d3|' +
  '\u13d4|\u13d5|\u13d6|\u13d7|\u13d8|\u13d9|\u13da|\u13db|\u13dc|\u13dd|\u13de|\u13df|\u13e0|' +
  '\u13e1|\u13e2|\u13e3|\u13e4|\u13e5|\u13e6|\u13e7|\u13e8|\u13e9|\u13ea|\u13eb|\u13ec|\u13ed|' +
  '\u13ee|\u13ef|.|\u03c3|\u03c3|\u03c3|\u03c3|\u03c3';

// Bidi classes, Unicode 13.0, reduced to the letters listed at bidiClass().
const BIDI_RUNS =
  '9B5XeB5X2O3T5O1S1C1S2CaE1C6OqL6OqL4O6B1XqB1C1O4T4O1L2O1B2O2T2E1O1L3O1E1L5OnL1OvL1OchL2O7LeO2LeO5' +
  'L9O1LhO34M4L2O8L1O5L2O1L1O32L1O3wL7M74L5O2T19M1R1M1R2M1R2M1R9M1cR6N2O1A2T1A1C1A2ObM2A1X19AlMaN1T' +
  '2N3A1M2tA7M1N1O6M2A2M1O4M2AaEnA1MuAtM2hAbMfA17R9M2R4O3R1MoR4M1R9M1R3M1R7M15R5M2RgA1cXlA1XiAbXfM1' +
  'NwM1jL1M1L1M4L8M4L1M3L7MaL2MtL1M1mL1M4L6M6L1MkL4McL2T7L1T2L5M1lL2M3LoMnL2M3L1MbL2M1lL1M4L8M4L3Mi' +
  'L4MbL8T1L8M1mL1M2L1M1L6M6LaMbL4MsL1M1pL1McL3MzL6O1T6O1M3L1M1jL1X1L3M5LiM5L3X2L4MiL7O2L1M1mL1MfL9' +
  'M8L1X4L4MdLdX2M1lL2M4L5M7L1MkL4MrL1M20L5M3L6M2hL1M2LbM1T7L8M2qL1M2L9MbL6M2X20L2MrL1M1L1M1L1M4O1f' +
  'LeM1L5M1L2M5L1dM8L1M2uL4M1L6M1L2M2L2MpL2M4L3MgL4MdL1M2L2M6L1MfL1MjjL3M1cLgO2oL1OhrL1XqL5O31L1X4L' +
  '3MbXiL3MtLeMiLeM1gL2M1L7M8L1M2LbM7L1T1L3MgLrO3M1B1X39L2MyL1M3aL3M4L2M9L1M6L7M6O48LyOnL2M2L3M1kL1' +
  'M1L9M1L1M2L8M6LdM1cLhM1rX4M1cL1M1L5M1L1M5L1M9L4XrL9M9L3X2MwL4M2L2M1L3M1kL1M1L2M3L1M1L3M1mL8M2L5M' +
  '45L3M1LdM1L7M4L1M6L1M3L2M5iL1mM1X5McdL1O1L3ObL3OdL3OdL5ObL3ObX3B1L1RoO7X1C5TfO1CqO1X6B4X6B1E3L6E' +
  '2S3O1LaE2S4OgLwTgX1cM2O1L4O1L2OaL1O1L3O5L6O1L1O1L1O1L1O4L1TbL2O4L5O5L4O2LgO15L3tO1S1T82O1xLqO1L6' +
  'qOkE26LciO1L9fO74LlcO1bL1X1bL1X3pL6O4L3M7L7O3jL1M2oLwM2bO19XaoO1X4O3LpO9L4M2L1O5L2O5L4O2gL2M2O3L' +
  '1O2iL1O5gL1cO19L3O1cLgOsL3O1eLfOcL4O4nL4O2rL2OvL1O534L1sOg71L3XwgL1sO8tL3O2nL4M1OaM2OuL2M28L2MeL' +
  'yO2uL1O1jL2XeL11XdL1M3L1M4L1MpL2M1L4O4M8L8T1gLcO1wLaMiLiMdL1M12L8MpLbM1aL3M1cL1M2L4M2L2M13L1M1vL' +
  '6M2L2M2LbM3L1M8L1M1bL1M1fL1M1L3M2L2M5L2M1L1M16L2M8LbM2xL6O39L1M2L1M4L3Mfn1L1R1MaR1S12R36AhXa3A2O' +
  'gX3jAxXdA1O2XgMgOgMwO1C1O2C1O1C9O1T2O2S5O2T5O3zA2B2O3T5O1S1C1S2CaE1C6OqL6OqLbO3eL2T3O3ToO75L1O1q' +
  'L25O3L1sO19L3nM2oL1MvE3aLaMdsL40XaoL3kX7zR1O69RfM14R8M4lR6M26R7OcgR10AcM9cN17R2M28R3X1cRmAbMvA1s' +
  'X28R1L1M1iLfMbLkOaLfX3M1dL4M2L2M7LbX1fL3M10L5M1L9M1pL1McL2M1gL9MaL4M2L1M2nL3M2L1M1L2M6L1M1tX2nL1' +
  'M3LdMgL2M1lL2M3L1M11L4aM1kL8M2L3M1L1MnL1M2cL6M1L1M4L2M1L2M6mL6M4L2M1L2MrL10M1fL8M2L1M1L2MvLwO17L' +
  '1M1L1M2L6M1L1M1L7X2lL3M2L4M1L9MgL5cX1bL9M1L2M74L2M1L1M4L1M40L8M4L1MwL6M2L2M14L6M2L4M8L9M1L6M2L3M' +
  '1aLdM1L2MmLgX1sL74X1cLeM2cLnM1L7M1L2M1L23M1dLlM1L9M1sL3M2L1M1L1M9nL2MbL4wX11L8O4TuO32pL34XtrL1X9' +
  'L347X7lcL2oXwL5M1nL7Mt4L1M1rL4M27L1O1LcMcn4LgX7zL1dX5LfX27tL2M1L3moB74X9zL3M9L8B8M2L7MuL4M1nLnX1' +
  'uO3M3fOwXwL2oOorL1O1lL1O1lL1O1lL1O1lL1OaL1eEe8L1jM4L1eM8L1MeL1MmLv9M74X1cM5sX1cL7M9lL1cX18L4MfLc' +
  'xTmoX5sR1cM1wR7MmeRhrAeoObE5OvL1O1mL6O1pL1lO3eLvwO4X44OcX2hO7XgOgXahO1X2aO1X4oO3X3O5X7O9XpO7X7O9' +
  'X3OdX7O15X6oOswEwymLyX379LbXi6oLfcflX73B1edcM2t4wL';

// Joining types L, R, D (U = anything else), Unicode 15.0.
const JOINING_RUNS =
  '17kU1D1U4R1D1R1D1R5D4RdD1U7D1R2DzU2D1U3R1U3RgDiR12D1R2D9R1D1R1D1R2D2R1U1RoU2RaU3D2U1DgU1R1U3D5R4' +
  'D1R9D1R1D1R1D1R2D1RtU1RbD3RfD2R4D1R1D2R3D2R6D22UxD2dU1R5D2R1D1RaD1R1D3R7U1D1U4D1U1R1D2R5UjR3U1D2' +
  'U5D1RhUaD3R1U1R2D2R6D1RfD30eU1DoU2hDeUyD1U1Dsd1U1eD1Ljf1U5D1R1U1R1U2R2U1L5R4D1L5D1R3D1R2U1R6U4D1' +
  'R40U1D1R1D3R3D1R2D1R1D2R1D1RnU4R2D9dU1LxD1R1DekU3D1RhDcU3D1RrU4D2RcD1aU1D1U2D3R1U1D2R2D1R2D1U1D2' +
  'R1D4U1R1D1L16wkU1wD8U1U';

// Code points with canonical combining class 9 (viramas), Unicode 13.0, base 36.
const VIRAMAS =
  '1u5,1xp,219,24t,28d,2bx,2fh,2j1,2m3,2m4,2ml,2q2,2t6,2wq,32c,37d,37e,4k4,4l0,4pe,57k,5dw,5gq,5gr,' +
  '5iq,5ir,8zj,x6u,x7w,xc4,xg3,xj4,xrq,xyl,1glb,1hs6,1htr,1hvd,1hyr,1hys,1i2o,1i5x,1iay,1idp,1iki,1' +
  'io2,1iv3,1iyn,1j1y,1j57,1jcp,1jjx,1jjy,1jog,1jqs,1jrb,1jtl,1k5b,1kck,1kcl,1kev';

// General_Category=Mark (M) or not (U), Unicode 13.0.
const MARK_RUNS =
  'lcU34M7nU7M7bU19M1U1M1U2M1U2M1U9M1sUbM1cUlMgU1M2tU7M2U6M2U2M1U4MzU1MuUtM2hUbM1mU9M9U1MoU4M1U9M1U' +
  '3M1U7M15U5M39UfM1UxM1iU3M1UiM1U7MaU2MtU4M1jU1M1UgM9U5M6U4MoU7M1jUtMnU2M3U1MbU4M1jU1M1UiMiU4MkUbM' +
  '1jU1M1UuM6U4MsU1M1nUiM7UfMqU5M1lUqMaU4MrU3M1kU1M1UvM5U4MqU4M1jU2M1UgM9U1MaU4MrU4M1xUsMcU2M1pU1M2' +
  'UbM8U8M2qU1M2U9MbU6M22U2MrU1M1U1M1U1M4U2M1dUkM1U2M5U1dM8U1M2sUkMnU4M4U3M1U3M2U7M3U4MdUcM1U1MaU4M' +
  'jjU3MqaU3MtU3MtUeMiUeM1gUwM9U3M17U3M3bU2MyU1M3aUwM5zU7M1jU17M1cUhM1rU5M1bUhM12U9McU3MuUdM1kUmM14' +
  'UnM45U3M1UlM4U1M6U1M2U3M5iU1mM1U5Mk0U1cM2cvU3M3xU1M2oUwMfeU6M2xU2Mn9wU4M1UaMwU2M28U2M7kU1M3U1M4U' +
  '1MnU5M4U4M28U2M1eUqMiUiMdU1M12U8MpUoMxU4M1bUeM10U1M1vUnM3U1M8U4M17U3M1eU1M1U3M2U2M5U2M1U1M15U5M5' +
  'UcM6aU8M1U4Mfn2U1MkhUgMgUgMr1U3nM2oU1M45UaM1a9UfM14U8M4lU6MftUcMajU2M49UbM4vU3M1hUfM1kU4M19UbM1x' +
  'U3M10UfMfU2M18U1McU3M1cUeM8U4M1U2M2kUcM6U1M4gUhMgU5M1iU2M1UiM7U6M5U4eM1hUiMnU1M29UkM6jUiMrU10M1c' +
  'UhM2yUdM2tUjM70UfM6tUfM1U1M1U2M3xUgM3UsM1UaM14U7M1U4M8U9M1UbM1aUgMb9UhM2aU32M1dUlM1U9M1mUeM9nU4M' +
  'f09U5M1nU7Mt4U1M1U1uM29UsMf4tU2M43qU5M3U6M8U8M2U7MuU4M44U3M1izU1jM4U1eM8U1MeU1MmUv9M74U1cM74U7Mc' +
  '5U4M15sU1cM1wU7MgzhxU1edcM2t4wU';

// ---------------------------------------------------------------------------
// Table decoding (lazy: only hosts with non-ASCII or "xn--" labels need it).

// Splits a run-length string into parallel arrays of run starts and class characters.
function decodeRuns(runs, isClass) {
  const starts = [];
  const classes = [];
  let start = 0;
  let len = '';
  for (let i = 0; i < runs.length; i++) {
    const ch = runs[i];
    if (isClass(ch)) {
      starts.push(start);
      classes.push(ch);
      start += parseInt(len, 36);
      len = '';
    } else {
      len += ch;
    }
  }
  return { starts, classes };
}

// Index of the run containing `cp` (runs are sorted by start and cover 0..max).
function findRun(starts, cp) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

let mapTable = null;
function getMapTable() {
  if (mapTable === null) {
    const { starts, classes } = decodeRuns(MAP_RUNS, (ch) => ch === ',' || ch === ';' || ch === '!' || ch === ':');
    // Each ':' run is a single code point with the next explicit mapping.
    const explicit = MAP_EXPLICIT.split('|');
    const explicitIndex = [];
    let k = 0;
    for (let i = 0; i < classes.length; i++) explicitIndex.push(classes[i] === ':' ? k++ : -1);
    mapTable = { starts, classes, explicit, explicitIndex };
  }
  return mapTable;
}

const isUpperAscii = (ch) => ch >= 'A' && ch <= 'Z';
let bidiTable = null;
let joiningTable = null;
let viramas = null;

// Bidi class of a code point, reduced to one letter: L R A(L) N(AN) E(N) S(ES) C(S) T(ET) O(N)
// B(N) M(NSM), X for every other class.
function bidiClass(cp) {
  if (bidiTable === null) bidiTable = decodeRuns(BIDI_RUNS, isUpperAscii);
  if (cp >= 0x110000) return 'X';
  return bidiTable.classes[findRun(bidiTable.starts, cp)];
}

// Arabic joining type: L, R, D or U (anything else).
function joiningType(cp) {
  if (joiningTable === null) joiningTable = decodeRuns(JOINING_RUNS, isUpperAscii);
  // The last run (U) extends to U+10FFFF.
  return joiningTable.classes[findRun(joiningTable.starts, cp)];
}

function isVirama(cp) {
  if (viramas === null) viramas = new Set(VIRAMAS.split(',').map((s) => parseInt(s, 36)));
  return viramas.has(cp);
}

let markTable = null;
// General_Category=Mark (Unicode 13.0, the data Ada's validity check uses).
function isCombiningMark(cp) {
  if (markTable === null) markTable = decodeRuns(MARK_RUNS, isUpperAscii);
  return markTable.classes[findRun(markTable.starts, cp)] === 'M';
}

// ---------------------------------------------------------------------------
// UTS #46 mapping of one code point: the mapped string, '' when ignored, null when disallowed.

function approximateMapping(cp) {
  const nfkc = String.fromCodePoint(cp).normalize('NFKC');
  let lower = '';
  for (const ch of nfkc) lower += ch.toLowerCase();
  return lower.normalize('NFKC');
}

function mapCodePoint(cp) {
  if (cp < 0x80) {
    return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 0x20) : String.fromCharCode(cp);
  }
  if (cp > 0x10ffff) return null;
  const table = getMapTable();
  const i = findRun(table.starts, cp);
  switch (table.classes[i]) {
    case ',': return approximateMapping(cp);
    case ';': return '';
    case '!': return null;
    default: return table.explicit[table.explicitIndex[i]];
  }
}

// Maps a whole string; null if it contains a disallowed code point.
function mapString(str) {
  let out = '';
  for (const ch of str) {
    const m = mapCodePoint(ch.codePointAt(0));
    if (m === null) return null;
    out += m;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Punycode (RFC 3492) with Ada's limits: 32-bit signed overflow checks, lowercase digits only
// when decoding. Both return null on failure.

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

function adapt(delta, numPoints, firstTime) {
  delta = firstTime ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - TMIN) * TMAX) >> 1) {
    delta = Math.floor(delta / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

function threshold(k, bias) {
  return k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
}

function digitValue(code) {
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  return -1;
}

function digitChar(d) {
  return String.fromCharCode(d < 26 ? d + 0x61 : d + 22);
}

// Decodes the part after "xn--" into an array of code points.
function punycodeDecode(input) {
  const out = [];
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  let pos = 0;
  const delimiter = input.lastIndexOf('-');
  if (delimiter !== -1) {
    for (let j = 0; j < delimiter; j++) {
      const c = input.charCodeAt(j);
      if (c >= 0x80) return null;
      out.push(c);
    }
    pos = delimiter + 1;
  }
  while (pos < input.length) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const digit = digitValue(input.charCodeAt(pos++));
      if (digit < 0) return null;
      if (digit > Math.floor((MAX_INT - i) / w)) return null;
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) return null;
      w *= BASE - t;
    }
    const count = out.length + 1;
    bias = adapt(i - oldi, count, oldi === 0);
    if (Math.floor(i / count) > MAX_INT - n) return null;
    n += Math.floor(i / count);
    i %= count;
    if (n < 0x80) return null;
    out.splice(i, 0, n);
    i++;
  }
  return out;
}

// Encodes an array of code points (the part that follows "xn--").
function punycodeEncode(cps) {
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  let out = '';
  let h = 0;
  for (const c of cps) {
    if (c < 0x80) {
      out += String.fromCharCode(c);
      h++;
    }
  }
  const basic = h;
  if (basic > 0) out += '-';
  while (h < cps.length) {
    let m = 0x10ffff;
    for (const c of cps) if (c >= n && c < m) m = c;
    if (m - n > Math.floor((MAX_INT - delta) / (h + 1))) return null;
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of cps) {
      if (c < n) {
        if (delta === MAX_INT) return null;
        delta++;
      }
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = threshold(k, bias);
          if (q < t) break;
          out += digitChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digitChar(q);
        bias = adapt(delta, h + 1, h === basic);
        delta = 0;
        h++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Label validity (UTS #46 section 4.1 with CheckJoiners and CheckBidi), evaluated the way Ada
// does: a ZWNJ/ZWJ decides the label's validity on its own (the Bidi rule is then not checked),
// and the Bidi rule only applies to a label that itself contains R, AL or AN characters.

const LTR_ALLOWED = 'LESCTOBM';
const RTL_ALLOWED = 'RANESCTOBM';

function isLabelValid(cps) {
  if (cps.length === 0) return true;
  if (isCombiningMark(cps[0])) return false;

  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (c === 0x200c) {
      if (i > 0 && isVirama(cps[i - 1])) return true;
      if (i === 0 || i + 1 >= cps.length) return false;
      let before = false;
      for (let j = 0; j < i && !before; j++) {
        const t = joiningType(cps[j]);
        before = t === 'L' || t === 'D';
      }
      let after = false;
      for (let j = i + 1; j < cps.length && !after; j++) {
        const t = joiningType(cps[j]);
        after = t === 'R' || t === 'D';
      }
      return before && after;
    }
    if (c === 0x200d) {
      return i > 0 && isVirama(cps[i - 1]);
    }
  }

  const dirs = cps.map(bidiClass);
  let last = dirs.length - 1;
  while (last >= 0 && dirs[last] === 'M') last--;
  if (last < 0) return false;

  if (!dirs.some((d) => d === 'R' || d === 'A' || d === 'N')) return true;

  if (dirs[0] === 'L') {
    // LTR label: the character at `last` itself is not checked (as in Ada).
    for (let i = 0; i < last; i++) {
      if (!LTR_ALLOWED.includes(dirs[i])) return false;
    }
    return true;
  }
  let hasEN = false;
  let hasAN = false;
  for (let i = 0; i <= last; i++) {
    const d = dirs[i];
    if (d === 'E') {
      hasEN = true;
      if (hasAN) return false;
    } else if (d === 'N') {
      hasAN = true;
      if (hasEN) return false;
    }
    if (!RTL_ALLOWED.includes(d)) return false;
    if (i === last && !'RANE'.includes(d)) return false;
  }
  return true;
}

function codePointsOf(str) {
  const cps = [];
  for (const ch of str) cps.push(ch.codePointAt(0));
  return cps;
}

// An "xn--" label must decode to something that mapping and NFC leave unchanged, and be valid.
function isValidPunycodeLabel(label) {
  const cps = punycodeDecode(label.slice(4));
  if (cps === null) return false;
  let decoded = '';
  for (const cp of cps) {
    // Surrogates and values past U+10FFFF are disallowed by the mapping anyway.
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    decoded += String.fromCodePoint(cp);
  }
  const mapped = mapString(decoded);
  if (mapped === null || mapped !== decoded) return false;
  if (mapped.normalize('NFC') !== mapped) return false;
  if (mapped === '') return false;
  return isLabelValid(cps);
}

const nonAsciiRe = /[^\x00-\x7f]/;

// UTS #46 ToASCII as Node 22 (Ada) runs it: the converted domain, or '' on failure.
// `domain` must be a well-formed string (lone surrogates already replaced).
function toASCII(domain) {
  domain = `${domain}`;
  if (!nonAsciiRe.test(domain)) {
    const labels = domain.toLowerCase().split('.');
    for (const label of labels) {
      if (label.startsWith('xn--') && !isValidPunycodeLabel(label)) return '';
    }
    return labels.join('.');
  }
  const mapped = mapString(domain);
  if (mapped === null) return '';
  const labels = mapped.normalize('NFC').split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === '') continue;
    if (label.startsWith('xn--')) {
      if (nonAsciiRe.test(label) || !isValidPunycodeLabel(label)) return '';
    } else if (nonAsciiRe.test(label)) {
      const cps = codePointsOf(label);
      if (!isLabelValid(cps)) return '';
      const encoded = punycodeEncode(cps);
      if (encoded === null) return '';
      labels[i] = `xn--${encoded}`;
    }
  }
  return labels.join('.');
}

// UTS #46 ToUnicode as Node 22 (Ada) runs it: "xn--" labels that decode are replaced, everything
// else is kept; it never fails.
function toUnicode(domain) {
  domain = `${domain}`;
  const labels = domain.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!label.startsWith('xn--') || nonAsciiRe.test(label)) continue;
    const cps = punycodeDecode(label.slice(4));
    if (cps === null) continue;
    let decoded = '';
    for (const cp of cps) {
      decoded += cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
    }
    labels[i] = decoded;
  }
  return labels.join('.');
}

module.exports = {
  toASCII,
  toUnicode,
  punycodeDecode,
  punycodeEncode,
};
