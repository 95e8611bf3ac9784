export default {
  kind: 'object',
  method() { return 'method'; },
};
