export default (function () { return 'paren-fn'; });
